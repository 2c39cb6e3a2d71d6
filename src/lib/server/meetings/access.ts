import { error } from '@sveltejs/kit';
import QRCode from 'qrcode';
import { normaliseJoinCode } from '$lib/domain/meeting';
import type { Meeting } from '../db/schema';
import { readConfig } from '../config';
import { findMeetingByCode } from './store';

export function requireMeeting(code: string): Meeting {
	const meeting = findMeetingByCode(normaliseJoinCode(code));
	if (!meeting) error(404, 'No meeting has this code. Check the code on the projector.');
	return meeting;
}

/** The attendee link printed and encoded in the QR code: PUBLIC_ORIGIN when set, else this host. */
export function joinUrlOf(meeting: Meeting, requestOrigin: string): string {
	return `${readConfig().publicOrigin ?? requestOrigin}/m/${meeting.code}`;
}

/** An SVG QR code, drawn on the server so that phones never download the encoder. */
export function qrCodeSvg(url: string): Promise<string> {
	return QRCode.toString(url, {
		type: 'svg',
		errorCorrectionLevel: 'M',
		margin: 1,
		color: { dark: '#000000', light: '#ffffff' }
	});
}
