import { STAKEHOLDER_GROUPS, STAKEHOLDER_GROUP_LABELS, type StakeholderGroup } from './meeting';

/** One person on an organiser's list: who they are, how the organiser knows them, and their group. */
export interface Invitee {
	name: string;
	/** An email address or the organiser's own reference for the person; unique in the list. */
	reference: string;
	stakeholderGroup: StakeholderGroup | null;
}

export interface ListProblem {
	/** The line of the file, counting from 1 (the header is line 1). */
	line: number;
	message: string;
}

export type ListReading = { ok: true; invitees: Invitee[] } | { ok: false; problems: ListProblem[] };

export const MAX_INVITEES = 5000;
const NAME_LENGTH = 100;
const REFERENCE_LENGTH = 200;

/** The rows of a CSV text (RFC 4180: quoted fields, doubled quotes, CRLF or LF), with each row's line. */
export function csvRows(text: string): { line: number; cells: string[] }[] {
	const rows: { line: number; cells: string[] }[] = [];
	let cells: string[] = [];
	let cell = '';
	let quoted = false;
	let line = 1;
	let rowLine = 1;
	const source = text.replace(/^\uFEFF/, '');
	for (let i = 0; i < source.length; i++) {
		const char = source[i];
		if (quoted) {
			if (char === '"' && source[i + 1] === '"') {
				cell += '"';
				i++;
			} else if (char === '"') quoted = false;
			else {
				if (char === '\n') line++;
				cell += char;
			}
		} else if (char === '"' && cell === '') quoted = true;
		else if (char === ',' || char === ';') {
			cells.push(cell);
			cell = '';
		} else if (char === '\n' || char === '\r') {
			if (char === '\r' && source[i + 1] === '\n') i++;
			cells.push(cell);
			rows.push({ line: rowLine, cells });
			cells = [];
			cell = '';
			line++;
			rowLine = line;
		} else cell += char;
	}
	if (cell !== '' || cells.length) {
		cells.push(cell);
		rows.push({ line: rowLine, cells });
	}
	return rows.filter((row) => row.cells.some((value) => value.trim() !== ''));
}

/** A group as organisers write it: its key (`civil_society`) or its English name (`Civil society`). */
function groupOf(written: string): StakeholderGroup | null | undefined {
	const plain = written
		.trim()
		.toLowerCase()
		.replace(/[\s-]+/g, '_');
	if (plain === '') return null;
	return STAKEHOLDER_GROUPS.find(
		(group) =>
			group === plain || STAKEHOLDER_GROUP_LABELS[group].toLowerCase().replace(/[\s-]+/g, '_') === plain
	);
}

const HEADER = /^(name|reference|email|e-mail|group|stakeholder.?group)$/i;

/**
 * Reads an organiser's list: a header row naming the columns (name; email or reference; group,
 * in any order), then one person per row. Every row is checked; any problem refuses the whole list.
 */
export function readInvitationList(text: string): ListReading {
	if (text.includes('\0'))
		return refuse(
			text.slice(0, text.indexOf('\0')).split('\n').length,
			'the list holds the NUL character: this is not a CSV file'
		);
	const rows = csvRows(text);
	const [header, ...people] = rows;
	if (!header || !header.cells.every((cell) => cell.trim() === '' || HEADER.test(cell.trim())))
		return refuse(1, 'the first line names the columns: name, email (or reference), group');
	const column = (pattern: RegExp) => header.cells.findIndex((cell) => pattern.test(cell.trim()));
	const name = column(/^name$/i);
	const reference = column(/^(reference|email|e-mail)$/i);
	const group = column(/^(group|stakeholder.?group)$/i);
	if (name < 0 || reference < 0)
		return refuse(1, 'the first line needs a "name" and an "email" (or "reference") column');
	if (people.length === 0) return refuse(2, 'the list has no one on it');
	if (people.length > MAX_INVITEES)
		return refuse(MAX_INVITEES + 2, `at most ${MAX_INVITEES} people in one list`);

	const problems: ListProblem[] = [];
	const invitees: Invitee[] = [];
	const seen = new Map<string, number>();
	for (const { line, cells } of people) {
		const person = {
			name: (cells[name] ?? '').trim(),
			reference: (cells[reference] ?? '').trim(),
			group: group < 0 ? '' : (cells[group] ?? '')
		};
		const stakeholderGroup = groupOf(person.group);
		const problem =
			(!person.name && 'the name is missing') ||
			(person.name.length > NAME_LENGTH && `the name is over ${NAME_LENGTH} characters`) ||
			(!person.reference && 'the email or reference is missing') ||
			(person.reference.length > REFERENCE_LENGTH &&
				`the email or reference is over ${REFERENCE_LENGTH} characters`) ||
			(stakeholderGroup === undefined &&
				`"${person.group.trim().slice(0, 40)}" is not a stakeholder group (${STAKEHOLDER_GROUPS.map((g) => STAKEHOLDER_GROUP_LABELS[g]).join(', ')})`) ||
			(seen.has(person.reference.toLowerCase()) &&
				`${person.reference} is already on line ${seen.get(person.reference.toLowerCase())}`);
		if (problem) {
			problems.push({ line, message: problem });
			continue;
		}
		seen.set(person.reference.toLowerCase(), line);
		invitees.push({
			name: person.name,
			reference: person.reference,
			stakeholderGroup: stakeholderGroup ?? null
		});
	}
	return problems.length ? { ok: false, problems } : { ok: true, invitees };
}

function refuse(line: number, message: string): ListReading {
	return { ok: false, problems: [{ line, message }] };
}
