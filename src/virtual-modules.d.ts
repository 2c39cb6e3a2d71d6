/** Socket.IO's long-polling transport, fetched on demand (see vite.config.ts). */
declare module 'virtual:plenary/long-polling' {
	export { XHR } from 'engine.io-client';
}
