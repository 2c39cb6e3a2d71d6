// Makes sure the tests have a PostgreSQL and a Redis on this machine (127.0.0.1, their usual
// ports): each is left alone when it answers, started when it is installed but stopped, and
// installed with apt-get (Debian) when missing. PostgreSQL is set to trust connections from this
// machine, as a test server's is.
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';

const POSTGRES_PORT = 5432;
const REDIS_PORT = 6379;

function answers(port) {
	return new Promise((resolve) => {
		const socket = net.connect({ host: '127.0.0.1', port });
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
	});
}

async function waitFor(port, name) {
	for (let attempt = 0; attempt < 60; attempt++) {
		if (await answers(port)) return;
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	throw new Error(`${name} did not answer on 127.0.0.1:${port}`);
}

const sudo = process.getuid?.() === 0 ? '' : 'sudo ';
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
const run = (command) => execSync(command, { stdio: 'inherit', env });
let updated = false;

function install(packages) {
	if (!fs.existsSync('/usr/bin/apt-get'))
		throw new Error(`Install ${packages} yourself: there is no apt-get here.`);
	if (!updated) run(`${sudo}apt-get update -qq`);
	updated = true;
	run(`${sudo}apt-get install -y -qq ${packages}`);
}

function postgresVersions() {
	return fs.existsSync('/etc/postgresql') ? fs.readdirSync('/etc/postgresql') : [];
}

async function postgres() {
	if (await answers(POSTGRES_PORT)) return console.log('PostgreSQL answers on 127.0.0.1:5432.');
	if (postgresVersions().length === 0) install('postgresql postgresql-client');
	const [version] = postgresVersions();
	// Connections from this machine are trusted, as on the project's machines.
	const hba = `/etc/postgresql/${version}/main/pg_hba.conf`;
	const trust = 'host all all 127.0.0.1/32 trust';
	if (!fs.readFileSync(hba, 'utf8').split('\n')[0].startsWith(trust))
		fs.writeFileSync(hba, `${trust}\n${fs.readFileSync(hba, 'utf8')}`);
	run(`${sudo}pg_ctlcluster --skip-systemctl-redirect ${version} main start`);
	await waitFor(POSTGRES_PORT, 'PostgreSQL');
	console.log(`PostgreSQL ${version} started on 127.0.0.1:5432.`);
}

async function redis() {
	if (await answers(REDIS_PORT)) return console.log('Redis answers on 127.0.0.1:6379.');
	if (!fs.existsSync('/usr/bin/redis-server')) install('redis-server');
	run('redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no');
	await waitFor(REDIS_PORT, 'Redis');
	console.log('Redis started on 127.0.0.1:6379.');
}

try {
	await postgres();
	await redis();
} catch (error) {
	console.error(`The tests need PostgreSQL and Redis: ${error instanceof Error ? error.message : error}`);
	process.exit(1);
}
