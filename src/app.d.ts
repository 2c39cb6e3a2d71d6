import type { Server as HttpServer } from 'node:http';
import type { Session } from '$lib/server/db/schema';
import type { SessionUser } from '$lib/server/auth/session';
import type { Locale } from '$lib/i18n/locales';

declare global {
	namespace App {
		interface Locals {
			user: SessionUser | null;
			session: Session | null;
			/** The language of the page: the visitor's on attendee and projector pages, English for staff. */
			locale: Locale;
		}
	}

	/** Set by the process entry (server.js, or the Vite plugin in dev) before the app loads. */
	var plenaryHttpServer: HttpServer | undefined;
	/** Set by the app once its database is open: the lines server.js prints under its address. */
	var plenaryStartBanner: ((origin: string) => Promise<string[]>) | undefined;
}

export {};
