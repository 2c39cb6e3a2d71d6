import path from 'node:path';
import type { DatabaseSettings } from './db';
import { databaseKind } from './db/kind';

/** Settings read from the environment; every one has a default that runs on a laptop. */
export interface Config {
	/** SQLite (its file, beside which the server's secret is kept when none is set), or PostgreSQL when DATABASE_URL names one. */
	database: DatabaseSettings;
	/** Redis, which connects the processes of one deployment; null for one process alone. */
	redisUrl: string | null;
	publicOrigin: string | null;
	adminUsername: string | null;
	adminPassword: string | null;
	/** New phones per minute from one network address: loose, since a whole hall shares one NAT. */
	joinRateLimit: number;
	/**
	 * Commands per minute from one phone or one staff member for events without a limit of their
	 * own (a sixtieth of it, at least 10, for the full snapshots of a phone or screen).
	 */
	commandRateLimit: number;
	/**
	 * The work a new phone does before it joins: the highest number of key derivations (100 chained
	 * SHA-256 hashes each) its join challenge may take; it takes three quarters of that on average.
	 */
	joinProofCost: number;
	/** The key the server signs join challenges and room codes with; else one kept beside the database. */
	serverSecret: string | null;
	/** New socket connections per minute from one network address (a hall shares one NAT). */
	connectRateLimit: number;
}

function originOf(value: string | undefined): string | null {
	if (!value) return null;
	try {
		return new URL(value).origin;
	} catch {
		throw new Error(`PUBLIC_ORIGIN must be a URL such as https://plenary.example.org, not "${value}"`);
	}
}

function positiveInteger(name: string, value: string | undefined, fallback: number): number {
	if (value === undefined || value === '') return fallback;
	const number = Number(value);
	if (!Number.isInteger(number) || number < 1)
		throw new Error(`${name} must be a whole number above 0, not "${value}"`);
	return number;
}

/** About a second on a mid-range phone (see the README's configuration table for the measurement). */
export const DEFAULT_JOIN_PROOF_COST = 1500;

function secretOf(value: string | undefined): string | null {
	if (!value) return null;
	if (value.length < 32) throw new Error('SERVER_SECRET must be at least 32 characters long');
	return value;
}

function redisUrlOf(value: string | undefined): string | null {
	if (!value) return null;
	if (!/^rediss?:\/\//.test(value)) throw new Error('REDIS_URL must be a redis:// or rediss:// URL');
	return value;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
	const root = env.PLENARY_ROOT ?? process.cwd();
	const databasePath = path.resolve(root, env.DATABASE_PATH || 'data/plenary.db');
	const kind = databaseKind(env);
	const serverSecret = secretOf(env.SERVER_SECRET);
	if (kind === 'postgres' && !serverSecret)
		throw new Error(
			'SERVER_SECRET must be set with DATABASE_URL: every process signs join challenges and room codes with the same key'
		);
	return {
		database: {
			kind,
			path: databasePath,
			url: kind === 'postgres' ? env.DATABASE_URL! : null,
			migrationsRoot: root,
			poolSize: positiveInteger('DATABASE_POOL_SIZE', env.DATABASE_POOL_SIZE, 10)
		},
		redisUrl: redisUrlOf(env.REDIS_URL),
		publicOrigin: originOf(env.PUBLIC_ORIGIN),
		adminUsername: env.ADMIN_USERNAME || null,
		adminPassword: env.ADMIN_PASSWORD || null,
		joinRateLimit: positiveInteger('JOIN_RATE_LIMIT', env.JOIN_RATE_LIMIT, 3000),
		commandRateLimit: positiveInteger('COMMAND_RATE_LIMIT', env.COMMAND_RATE_LIMIT, 600),
		joinProofCost: positiveInteger('JOIN_PROOF_COST', env.JOIN_PROOF_COST, DEFAULT_JOIN_PROOF_COST),
		serverSecret,
		connectRateLimit: positiveInteger('CONNECT_RATE_LIMIT', env.CONNECT_RATE_LIMIT, 6000)
	};
}
