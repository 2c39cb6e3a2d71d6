// Makes sure the end-to-end tests have a Chromium to drive: CHROMIUM_PATH if set, else Debian's
// /usr/bin/chromium, installed with apt-get when missing and when we are allowed to.
import { execSync } from 'node:child_process';
import fs from 'node:fs';

const wanted = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

if (fs.existsSync(wanted)) {
	console.log(`Chromium for the end-to-end tests: ${wanted}`);
	process.exit(0);
}
if (process.env.CHROMIUM_PATH) {
	console.error(`CHROMIUM_PATH is set to ${wanted}, but there is no file there.`);
	process.exit(1);
}

const isRoot = process.getuid?.() === 0;
const hasAptGet = fs.existsSync('/usr/bin/apt-get');
if (!hasAptGet) {
	console.error('No Chromium at /usr/bin/chromium: install one and set CHROMIUM_PATH to its executable.');
	process.exit(1);
}
const sudo = isRoot ? '' : 'sudo ';
console.log('Installing Debian Chromium for the end-to-end tests…');
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
execSync(`${sudo}apt-get update -qq`, { stdio: 'inherit', env });
execSync(`${sudo}apt-get install -y -qq chromium`, { stdio: 'inherit', env });
if (!fs.existsSync(wanted)) {
	console.error('apt-get finished but /usr/bin/chromium is still missing.');
	process.exit(1);
}
console.log(`Chromium installed: ${wanted}`);
