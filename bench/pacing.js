// How often each server sends live results and questions, reported with every run. Plenary's cannot
// be read from the server, so it is stated here and must follow src/lib/server/realtime/hub.ts.

/** Plenary's projectors and staff: SCREENS_INTERVAL_MS in src/lib/server/realtime/hub.ts. */
export const PLENARY_SCREENS_PACING_MS = 100;

/** The reference's projectors and staff: the pace a raw Socket.IO app would choose, not Plenary's. */
export const REFERENCE_SCREENS_PACING_MS = 100;

/**
 * Phones, on both servers: `phonesInterval` in src/lib/server/realtime/hub.ts (every second, or
 * 0.5 ms per phone, at most 5 s), which the reference keeps so that phones cost both the same.
 */
export function phonesPacingMs(phones) {
	return Math.min(5000, Math.max(1000, Math.round(phones * 0.5)));
}
