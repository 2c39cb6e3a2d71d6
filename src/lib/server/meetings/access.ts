import { error } from '@sveltejs/kit';
import QRCode from 'qrcode';
import { normaliseJoinCode } from '$lib/domain/meeting';
import type { Meeting } from '../db/schema';
import { readConfig } from '../config';
import { DEFAULT_LOCALE, type Locale } from '$lib/i18n/locales';
import { translate } from '../i18n';
import { findMeetingByCode } from './store';

/** The meeting of an address, or a 404 in the reader's language. */
export async function requireMeeting(code: string, locale: Locale = DEFAULT_LOCALE): Promise<Meeting> {
	const meeting = await findMeetingByCode(normaliseJoinCode(code));
	if (!meeting) error(404, translate(locale, 'join.refused.unknown-meeting'));
	return meeting;
}

/** The attendee link printed and encoded in the QR code: PUBLIC_ORIGIN when set, else this host. */
export function joinUrlOf(meeting: Meeting, requestOrigin: string): string {
	return `${readConfig().publicOrigin ?? requestOrigin}/m/${meeting.code}`;
}

/**
 * A QR code as an SVG image address, drawn on the server so that no page downloads the encoder
 * (and shown as an image, not markup).
 */
export async function qrCodeImage(url: string): Promise<string> {
	const svg = await QRCode.toString(url, {
		type: 'svg',
		errorCorrectionLevel: 'M',
		margin: 1,
		color: { dark: '#000000', light: '#ffffff' }
	});
	return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}
