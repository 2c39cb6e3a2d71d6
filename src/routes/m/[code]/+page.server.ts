import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { GENDERS, PARTICIPATION_MODES, STAKEHOLDER_GROUPS } from '$lib/domain/meeting';
import type { Profile } from '$lib/components/attendee/profile';
import { translate } from '$lib/server/i18n';
import { requireMeeting } from '$lib/server/meetings/access';
import { buildSnapshot } from '$lib/server/meetings/snapshot';
import { findParticipant, participantCookieName, updateProfile } from '$lib/server/participants';
import { needsJoinPage } from '$lib/server/join/admission';
import { joinFromForm } from '$lib/server/join/action';
import { issueChallenge } from '$lib/server/join/proof';
import { publish } from '$lib/server/events';
import { presence } from '$lib/server/presence';
import { readForm } from '$lib/server/forms';
import { limits, waitValues } from '$lib/server/limits';
import { sessionSealed } from '$lib/domain/record/clock';
import { runFormCommand } from '$lib/server/realtime/command';
import { castBallot } from '$lib/server/realtime/polls';
import { commandSchemas } from '$lib/realtime/schemas';

/**
 * Opening the page joins no one: a phone that has not joined sees the meeting read-only, with a
 * challenge its scripts solve before they join by the `join` action. A meeting that asks for a
 * passcode, or one that takes no one new (archived, or its session ended), sends newcomers to its join page first.
 */
export async function load({ params, cookies, locals }) {
	const meeting = await requireMeeting(params.code, locals.locale);
	const participant = await findParticipant(meeting.id, cookies.get(participantCookieName(meeting.code)));
	if (!participant && needsJoinPage(meeting)) redirect(303, `/m/${meeting.code}/join`);
	return {
		snapshot: await buildSnapshot(meeting, { role: 'attendee', participantId: participant?.id ?? null }),
		joined: participant !== undefined,
		challenge: participant ? null : await issueChallenge(meeting.id),
		profile: {
			displayName: participant?.displayName ?? '',
			affiliation: participant?.affiliation ?? '',
			stakeholderGroup: participant?.stakeholderGroup ?? '',
			mode: participant?.mode ?? '',
			gender: participant?.gender ?? ''
		} satisfies Profile
	};
}

const emptyAsNull = (value: unknown) => (value === '' ? null : value);

const NAME_LENGTH = 60;
const AFFILIATION_LENGTH = 120;
/** The schema's words for a text too long, put in the reader's language when the form comes back. */
const NAME_TOO_LONG = 'name-too-long';
const AFFILIATION_TOO_LONG = 'affiliation-too-long';

const profileSchema = z.object({
	displayName: z
		.string()
		.trim()
		.max(NAME_LENGTH, NAME_TOO_LONG)
		.transform((name) => name || null),
	affiliation: z
		.string()
		.trim()
		.max(AFFILIATION_LENGTH, AFFILIATION_TOO_LONG)
		.transform((affiliation) => affiliation || null),
	stakeholderGroup: z.preprocess(emptyAsNull, z.enum(STAKEHOLDER_GROUPS).nullable()),
	mode: z.preprocess(emptyAsNull, z.enum(PARTICIPATION_MODES).nullable()),
	gender: z.preprocess(emptyAsNull, z.enum(GENDERS).nullable())
});

/**
 * A ballot as its form sends it before the page's scripts run: single and multiple choice only
 * (the rarer kinds' forms are made by the scripts). The domain checks it like any other ballot.
 */
type FormChoice = { optionId: string } | { optionIds: string[] };

function choiceFromForm(form: FormData): FormChoice | undefined {
	const optionIds = form.getAll('optionIds').map(String);
	if (optionIds.length) return { optionIds };
	const optionId = form.get('optionId');
	return typeof optionId === 'string' ? { optionId } : undefined;
}

/** A ballot the page could not count yet, kept in the returned form so the scripts send it once joined. */
export interface HeldBallot {
	pollId: string;
	clientId: string;
	choice: FormChoice;
}

/** What the `vote` action answers, for the page to show beside the ballot. */
export interface VoteAnswer {
	pollId?: string;
	message?: string;
	held?: HeldBallot;
}
const voteAnswer = (vote: VoteAnswer) => ({ vote });

export const actions = {
	/** Makes this phone a participant, once its proof of work (and passcode, if any) is right. */
	join: async (event) => {
		const meeting = await requireMeeting(event.params.code, event.locals.locale);
		return (await joinFromForm(meeting, event)) ?? { joined: true };
	},
	/**
	 * A ballot tapped before the page's scripts ran (a slow network): the form posts it here and
	 * it goes through the same command as the socket's `poll:vote`, with the form's client id, so
	 * the scripts sending it again later change nothing. A phone that has not joined yet gets it
	 * back to hold until its scripts have joined.
	 */
	vote: async ({ params, cookies, request, locals }) => {
		const { locale } = locals;
		const meeting = await requireMeeting(params.code, locale);
		const form = await readForm(request);
		const pollId = form?.get('pollId');
		const clientId = form?.get('clientId');
		if (!form || typeof pollId !== 'string' || typeof clientId !== 'string')
			return fail(400, voteAnswer({ message: translate(locale, 'common.refused.invalid') }));
		const choice = choiceFromForm(form);
		if (choice === undefined)
			return fail(400, voteAnswer({ pollId, message: translate(locale, 'polls.ballot.needs-script') }));
		const participant = await findParticipant(meeting.id, cookies.get(participantCookieName(meeting.code)));
		if (!participant) {
			// Only a ballot the socket would take goes back to be held (it is echoed into the page).
			const valid = commandSchemas['poll:vote'].safeParse({ clientId, pollId, revision: 1, choice });
			if (!valid.success)
				return fail(400, voteAnswer({ message: translate(locale, 'common.refused.invalid') }));
			const held: HeldBallot = { pollId, clientId, choice };
			return fail(401, voteAnswer({ pollId, held, message: translate(locale, 'polls.ballot.waiting-join') }));
		}
		// As on a socket: an archived session takes nothing more from phones.
		if (meeting.archivedAt)
			return fail(409, voteAnswer({ pollId, message: translate(locale, 'common.refused.conflict') }));
		const command = { clientId, pollId, revision: Date.now(), choice };
		const result = await runFormCommand(meeting.id, participant.id, 'poll:vote', castBallot, command);
		if ('error' in result) {
			const message = translate(locale, `common.refused.${result.error.code}`);
			return fail(result.error.code === 'rate_limited' ? 429 : 400, voteAnswer({ pollId, message }));
		}
		return voteAnswer({ pollId });
	},
	profile: async ({ params, cookies, request, locals }) => {
		const { locale } = locals;
		const meeting = await requireMeeting(params.code, locale);
		const participant = await findParticipant(meeting.id, cookies.get(participantCookieName(meeting.code)));
		if (!participant) return fail(401, { message: translate(locale, 'join.profile.expired') });
		if (sessionSealed(meeting)) return fail(409, { message: translate(locale, 'join.profile.ended') });
		const wait = await limits.profile.take(participant.id);
		if (wait !== null) {
			return fail(429, { message: translate(locale, 'join.profile.limit', waitValues(wait)) });
		}
		const form = await readForm(request);
		if (!form) return fail(400, { message: translate(locale, 'join.profile.resend') });
		const parsed = profileSchema.safeParse({
			displayName: form.get('displayName') ?? '',
			affiliation: form.get('affiliation') ?? '',
			stakeholderGroup: form.get('stakeholderGroup') ?? '',
			mode: form.get('mode') ?? '',
			gender: form.get('gender') ?? ''
		});
		if (!parsed.success) {
			const problem = parsed.error.issues[0]?.message;
			const message =
				problem === NAME_TOO_LONG
					? translate(locale, 'join.profile.name-too-long', { max: NAME_LENGTH })
					: problem === AFFILIATION_TOO_LONG
						? translate(locale, 'join.profile.affiliation-too-long', { max: AFFILIATION_LENGTH })
						: translate(locale, 'join.profile.check');
			return fail(400, { message });
		}
		const { gender, ...profile } = parsed.data;
		const updated = await updateProfile(participant.id, profile, gender);
		if (presence.changeMode(meeting.id, participant.id, updated.mode))
			publish({ name: 'presence.changed', meetingId: meeting.id });
		return { saved: true };
	}
};
