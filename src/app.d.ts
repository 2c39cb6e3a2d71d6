import type { Server as HttpServer } from 'node:http';
import type { Session } from '$lib/server/db/schema';
import type { SessionUser } from '$lib/server/auth/session';

declare global {
	namespace App {
		interface Locals {
			user: SessionUser | null;
			session: Session | null;
		}
	}

	/** Set by the process entry (server.js, or the Vite plugin in dev) before the app loads. */
	var plenaryHttpServer: HttpServer | undefined;
}

export {};
