/** The room code as a staff screen shows it, and when the next one comes. */
export interface RoomCodeShown {
	code: string;
	changesAt: number;
}

/** Asks again at least this often, so a change of the meeting's setting shows within a minute. */
const AT_MOST_MS = 60_000;

/**
 * Keeps a staff screen's room code current: asks the server for it just after it changes (the
 * server derives it; nothing is computed here) and once a minute.
 */
export class RoomCodeWatch {
	#current: RoomCodeShown | null = $state(null);
	readonly #address: string;

	constructor(address: string, initial: RoomCodeShown | null) {
		this.#address = address;
		this.#current = initial;
	}

	get current(): RoomCodeShown | null {
		return this.#current;
	}

	start(): () => void {
		let timer: ReturnType<typeof setTimeout> | undefined;
		const next = () => {
			const untilChange = this.#current ? this.#current.changesAt - Date.now() + 500 : AT_MOST_MS;
			timer = setTimeout(() => void refresh(), Math.max(1000, Math.min(untilChange, AT_MOST_MS)));
		};
		const refresh = async () => {
			try {
				const response = await fetch(this.#address, { cache: 'no-store' });
				if (response.ok)
					this.#current = ((await response.json()) as { roomCode: RoomCodeShown | null }).roomCode;
			} catch {
				// Offline for a moment: the next attempt comes soon.
			}
			next();
		};
		next();
		return () => clearTimeout(timer);
	}
}
