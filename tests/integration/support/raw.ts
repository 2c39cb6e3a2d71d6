import WebSocket from 'ws';

/**
 * A Socket.IO connection spoken by hand over a bare WebSocket (Engine.IO v4 frames), for what a
 * well-behaved client library never sends: malformed packets, any handshake `auth`, stray binary.
 */
export class RawSocket {
	readonly #ws: WebSocket;
	readonly #frames: string[] = [];
	#waiting: (() => void) | null = null;
	readonly closed: Promise<void>;
	#isClosed = false;

	private constructor(ws: WebSocket) {
		this.#ws = ws;
		ws.on('message', (data, isBinary) => {
			if (isBinary) return;
			const frame = data.toString();
			// Engine.IO ping: answer, so a long test is not dropped as dead.
			if (frame === '2') return ws.send('3');
			this.#frames.push(frame);
			this.#waiting?.();
		});
		this.closed = new Promise((resolve) =>
			ws.once('close', () => {
				this.#isClosed = true;
				this.#waiting?.();
				resolve();
			})
		);
	}

	/** Opens the WebSocket transport and waits for Engine.IO's open frame (not yet a Socket.IO connect). */
	static open(url: string, headers: Record<string, string> = {}): Promise<RawSocket> {
		const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`, {
			headers
		});
		const raw = new RawSocket(ws);
		return new Promise((resolve, reject) => {
			ws.once('error', reject);
			raw.next((frame) => frame.startsWith('0{'), 5_000).then(() => resolve(raw), reject);
		});
	}

	get isClosed(): boolean {
		return this.#isClosed;
	}

	send(frame: string | Buffer): void {
		if (!this.#isClosed) this.#ws.send(frame);
	}

	/** The next frame that passes `check`, or null when the connection closes first or time runs out. */
	async next(check: (frame: string) => boolean, timeoutMs = 2_000): Promise<string | null> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const index = this.#frames.findIndex(check);
			if (index >= 0) return this.#frames.splice(index, 1)[0];
			if (this.#isClosed || Date.now() >= deadline) return null;
			await new Promise<void>((resolve) => {
				const timer = setTimeout(resolve, deadline - Date.now());
				this.#waiting = () => {
					clearTimeout(timer);
					resolve();
				};
			});
			this.#waiting = null;
		}
	}

	close(): void {
		this.#ws.close();
	}
}

/** Sends the Socket.IO CONNECT for the default namespace; `auth` is written as is (any JSON text). */
export async function rawHandshake(
	url: string,
	authJson: string,
	headers: Record<string, string> = {}
): Promise<{
	socket: RawSocket;
	outcome: 'connected' | 'refused' | 'closed' | 'silent';
	message: string | null;
}> {
	const socket = await RawSocket.open(url, headers);
	socket.send(`40${authJson}`);
	const answer = await socket.next((frame) => frame.startsWith('40') || frame.startsWith('44'), 5_000);
	if (answer === null) return { socket, outcome: socket.isClosed ? 'closed' : 'silent', message: null };
	if (answer.startsWith('40')) return { socket, outcome: 'connected', message: null };
	const { message } = JSON.parse(answer.slice(2)) as { message: string };
	return { socket, outcome: 'refused', message };
}
