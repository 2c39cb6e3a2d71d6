import fs from 'node:fs';
import path from 'node:path';

/** The words a page should show, read from the catalogues it is built from. */
export function message(locale: string, id: string): string {
	const [area, ...key] = id.split('.');
	const file = path.resolve(import.meta.dirname, `../../../src/lib/i18n/messages/${locale}/${area}.json`);
	const text = (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>)[key.join('.')];
	if (text === undefined) throw new Error(`no message ${id} in ${locale}`);
	return text;
}
