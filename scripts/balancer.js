// A round-robin TCP balancer for trying several Plenary processes on one machine (npm run
// cluster): each new connection goes to the next process that answers, so pages and WebSockets
// spread over them, and a process that died is skipped. Connections are not sticky: Socket.IO's
// long-polling fallback needs a balancer that is (see docs/deploy.md); WebSocket does not.
import net from 'node:net';

/**
 * Listens on `port` (0 for any) of 127.0.0.1 and passes each connection to the next of `targets`
 * (ports of 127.0.0.1) that accepts it. Resolves with the port and a way to stop.
 * @param {number} port
 * @param {number[]} targets
 * @returns {Promise<{ port: number, stop: () => Promise<void> }>}
 */
export function startBalancer(port, targets) {
	let next = 0;
	/** @type {Set<net.Socket>} */
	const sockets = new Set();
	const server = net.createServer((client) => {
		sockets.add(client);
		client.once('close', () => sockets.delete(client));
		client.pause();
		/** @param {number} attempt */
		const tryTarget = (attempt) => {
			if (attempt >= targets.length) return client.destroy();
			const target = targets[next++ % targets.length];
			const upstream = net.connect({ host: '127.0.0.1', port: target });
			upstream.once('error', () => {
				if (!upstream.readyState || upstream.connecting) tryTarget(attempt + 1);
				else client.destroy();
			});
			upstream.once('connect', () => {
				sockets.add(upstream);
				upstream.once('close', () => sockets.delete(upstream));
				upstream.on('error', () => client.destroy());
				client.on('error', () => upstream.destroy());
				client.pipe(upstream).pipe(client);
				client.resume();
			});
		};
		tryTarget(0);
	});
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () =>
			resolve({
				port: /** @type {net.AddressInfo} */ (server.address()).port,
				stop: () =>
					new Promise((/** @type {(value?: void) => void} */ done) => {
						for (const socket of sockets) socket.destroy();
						server.close(() => done());
					})
			})
		);
	});
}
