/**
 * Who hears what: the realtime side of the application's events. Each listener turns one kind of
 * change into the messages each audience of the meeting receives, at its pace.
 */
import { subscribe } from '../events';
import { findMeetingById, meetingInfo, positionOf } from '../meetings/store';
import { agendaForClients } from '../meetings/snapshot';
import { livePolls } from '../polls/live';
import { presence } from '../presence';
import { turnout } from '../turnout';
import { floorState } from '../floor/store';
import { questionsState } from '../questions/store';
import { commentsState } from '../comments/store';
import { agreedTopicsOf } from '../record/topics';
import { notePeaks } from '../record/peaks';
import { hub, LIVE_AUDIENCES, type LiveAudience } from './hub';

/**
 * How often at most a meeting's connected counts are sent to screens and staff (a full hall joining
 * is one update a second); phones get them at their own, slower pace.
 */
const PRESENCE_INTERVAL_MS = 1000;
/** The record page fetches the record again when told; a typing rapporteur tells it twice a second. */
const RECORD_INTERVAL_MS = 500;
/** A minute after the last new phone, and a little more, the console's count of new phones is redrawn. */
const NEW_PHONES_FOLLOW_UP_MS = 61_000;

/** Subscribes the realtime layer to the application's events (once: see attachRealtime). */
export function broadcastChanges(): void {
	subscribe('agenda.moved', ({ meetingId, version, position, at }) => {
		hub.toMeeting(meetingId, 'agenda:moved', {
			version,
			position,
			onScreenPollId: null,
			at: at.toISOString()
		});
	});

	subscribe('meeting.changed', async ({ meetingId }) => {
		const meeting = await findMeetingById(meetingId);
		if (!meeting) return;
		hub.toMeeting(meetingId, 'meeting:changed', {
			version: meeting.version,
			meeting: meetingInfo(meeting),
			agenda: await agendaForClients(meeting),
			position: positionOf(meeting),
			polls: await livePolls.infos(meetingId),
			onScreenPollId: meeting.onScreenPollId
		});
		// Settings the live parts read (speaking time, pre-moderation, the comment deadline).
		sendFloor(meetingId);
		sendQuestions(meetingId);
		sendComments(meetingId);
		sendRecordChanged(meetingId);
	});

	subscribe('meeting.archived', ({ meetingId }) => hub.disconnectPhones(meetingId));
	subscribe('user.accessEnded', ({ userId, meetingId }) => hub.disconnectUser(userId, meetingId));
	subscribe('session.ended', ({ sessionId }) => hub.disconnectSession(sessionId));
	subscribe('participant.removed', ({ meetingId, participantId }) =>
		hub.disconnectParticipant(meetingId, participantId)
	);

	subscribe('polls.changed', async ({ meetingId, version }) => {
		const meeting = await findMeetingById(meetingId);
		hub.toMeeting(meetingId, 'polls:changed', {
			version,
			polls: await livePolls.infos(meetingId),
			onScreenPollId: meeting?.onScreenPollId ?? null
		});
	});

	subscribe('results.changed', ({ meetingId, pollId }) => {
		sendResults(meetingId, pollId);
		sendTurnout(meetingId);
	});
	subscribe('questions.changed', ({ meetingId }) => sendQuestions(meetingId));
	subscribe('comments.changed', ({ meetingId }) => sendComments(meetingId));
	subscribe('floor.changed', ({ meetingId }) => sendFloor(meetingId));

	subscribe('clock.changed', async ({ meetingId }) => {
		const meeting = await findMeetingById(meetingId);
		if (!meeting) return;
		const { startedAt, endedAt } = meetingInfo(meeting);
		hub.toMeeting(meetingId, 'session:clock', { startedAt, endedAt });
		sendRecordChanged(meetingId);
	});
	subscribe('record.changed', ({ meetingId }) => sendRecordChanged(meetingId));
	subscribe('projector.paged', ({ meetingId, page }) =>
		hub.emitTo(meetingId, 'screens', 'projector:page', () => [page])
	);

	subscribe('topics.changed', async ({ meetingId }) => {
		hub.toMeeting(meetingId, 'topics:changed', await agreedTopicsOf(meetingId));
		sendRecordChanged(meetingId);
	});

	subscribe('presence.changed', ({ meetingId }) => {
		hub.live(
			meetingId,
			'presence',
			async (audience) => await sendPresence(meetingId, audience),
			PRESENCE_INTERVAL_MS
		);
		sendTurnout(meetingId);
	});
	subscribe('polls.changed', ({ meetingId }) => sendTurnout(meetingId));
}

/** The connected counts the phones of each meeting were last sent. */
const countsSentToPhones = new Map<string, string>();

/** The next connected counts go to phones even if they equal the last ones sent. */
export function forgetCountsSent(meetingId: string): void {
	countsSentToPhones.delete(meetingId);
}

/**
 * Connected counts, at the audience's pace. Phones show them only roughly: they are not sent
 * counts equal to the last they were sent (a reconnect storm leaves them much as they were).
 */
async function sendPresence(meetingId: string, audience: LiveAudience): Promise<void> {
	const counts = presence.counts(meetingId);
	if (audience === 'screens') await notePeaks(meetingId, counts);
	else {
		const sent = JSON.stringify(counts);
		if (countsSentToPhones.get(meetingId) === sent) return;
		countsSentToPhones.set(meetingId, sent);
	}
	await hub.emitTo(meetingId, audience, 'presence:counts', () => [counts]);
}

/** Phones new in the last minute fall back to none a minute after the last one: one more update then. */
const turnoutFollowUps = new Map<string, ReturnType<typeof setTimeout>>();

/** Staff only, at the pace of presence: ballots against phones, and the phones new in the last minute. */
function sendTurnout(meetingId: string): void {
	// A console that connects later gets the turnout in its snapshot.
	if (!hub.hasStaff(meetingId)) return;
	hub.coalesce(`turnout:${meetingId}`, PRESENCE_INTERVAL_MS, async () => {
		const watch = await turnout.of(meetingId);
		await hub.toStaff(meetingId, 'turnout:changed', watch);
		clearTimeout(turnoutFollowUps.get(meetingId));
		turnoutFollowUps.delete(meetingId);
		if (watch.newLastMinute > 0) {
			const later = setTimeout(() => {
				turnoutFollowUps.delete(meetingId);
				sendTurnout(meetingId);
			}, NEW_PHONES_FOLLOW_UP_MS);
			later.unref();
			turnoutFollowUps.set(meetingId, later);
		}
	});
}

/**
 * Coalesced like results: the queue goes out whole a few times a second to screens and staff, and
 * at the phones' pace to phones, so a burst of hands costs clients × intervals, not clients × hands.
 */
function sendFloor(meetingId: string): void {
	hub.live(meetingId, 'floor', async (audience) => {
		const meeting = await findMeetingById(meetingId);
		if (meeting)
			await hub.emitTo(meetingId, audience, 'floor:changed', async (staff) => [
				await floorState(meeting, null, staff)
			]);
	});
}

/** Coalesced: an upvote burst is a few updates a second on the projector, one a second on phones. */
function sendQuestions(meetingId: string): void {
	hub.live(meetingId, 'questions', async (audience) => {
		const meeting = await findMeetingById(meetingId);
		if (meeting)
			await hub.emitTo(meetingId, audience, 'questions:changed', async (staff) => [
				await questionsState(meeting, staff)
			]);
	});
}

function sendComments(meetingId: string): void {
	hub.live(meetingId, 'comments', async (audience) => {
		const meeting = await findMeetingById(meetingId);
		if (meeting)
			await hub.emitTo(meetingId, audience, 'comments:changed', async (staff) => [
				await commentsState(meeting, staff)
			]);
	});
}

function sendRecordChanged(meetingId: string): void {
	hub.coalesce(`record:${meetingId}`, RECORD_INTERVAL_MS, () => hub.toStaff(meetingId, 'record:changed'));
}

/** The polls whose results changed since each audience's last update. */
const changedPolls = new Map<string, Set<string>>();

/** Live results of the polls that changed: the room sees what is shown, moderators everything. */
function sendResults(meetingId: string, pollId: string): void {
	for (const audience of LIVE_AUDIENCES) {
		const key = `${audience}:${meetingId}`;
		changedPolls.set(key, (changedPolls.get(key) ?? new Set<string>()).add(pollId));
	}
	hub.live(meetingId, 'results', async (audience) => {
		const key = `${audience}:${meetingId}`;
		const changed = changedPolls.get(key);
		changedPolls.delete(key);
		if (changed) await publishResults(meetingId, changed, audience);
	});
}

async function publishResults(
	meetingId: string,
	pollIds: Set<string>,
	audience: LiveAudience
): Promise<void> {
	const others = audience === 'phones' ? 'attendee' : 'public';
	for (const record of await livePolls.list(meetingId)) {
		if (!pollIds.has(record.poll.id)) continue;
		await hub.emitTo(
			meetingId,
			audience,
			'poll:results',
			(staff) => [livePolls.resultsFor(record, { role: staff ? 'moderator' : others, participantId: null })],
			`poll:results:${record.poll.id}`
		);
	}
}
