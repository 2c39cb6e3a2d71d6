import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { readConfig } from '../config';

let secret: string | null = null;

/**
 * The server's own key for what it signs and must recognise later (join challenges, room codes):
 * SERVER_SECRET when set, else a random key kept in a file beside the database, made on first use,
 * so that a restart keeps the room code on the projector and the challenges phones are solving.
 */
export function serverSecret(): string {
	if (secret) return secret;
	const config = readConfig();
	if (config.serverSecret) return (secret = config.serverSecret);
	const file = path.join(path.dirname(config.database.path), 'plenary.secret');
	try {
		secret = fs.readFileSync(file, 'utf8').trim();
	} catch {
		fs.mkdirSync(path.dirname(file), { recursive: true });
		fs.writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
		secret = fs.readFileSync(file, 'utf8').trim();
	}
	if (secret.length < 32) throw new Error(`${file} holds no usable secret: delete it to make a new one.`);
	return secret;
}
