import { describe, expect, it } from 'vitest';
import { csvRows, readInvitationList } from './invitations';

describe('an organiser’s invitation list', () => {
	it('reads a header and its people, in any column order, with quotes, semicolons and group names', () => {
		const list = readInvitationList(
			'\uFEFFGroup;Name;Email\r\ncivil_society;"Okafor, Ada";ada@example.org\r\nTechnical community;Lin Wei;lin@example.org\n;No Group;REF-7\n'
		);
		expect(list).toEqual({
			ok: true,
			invitees: [
				{ name: 'Okafor, Ada', reference: 'ada@example.org', stakeholderGroup: 'civil_society' },
				{ name: 'Lin Wei', reference: 'lin@example.org', stakeholderGroup: 'technical_community' },
				{ name: 'No Group', reference: 'REF-7', stakeholderGroup: null }
			]
		});
	});

	it('names every bad row by its line, and takes none of the list', () => {
		const list = readInvitationList(
			[
				'name,reference,group',
				'Ada,ada@example.org,academia',
				',missing-name@example.org,academia',
				'Bob,,academia',
				'Cy,cy@example.org,Martians',
				'Di,ADA@example.org,'
			].join('\n')
		);
		expect(list).toEqual({
			ok: false,
			problems: [
				{ line: 3, message: 'the name is missing' },
				{ line: 4, message: 'the email or reference is missing' },
				{ line: 5, message: expect.stringMatching(/^"Martians" is not a stakeholder group/) },
				{ line: 6, message: 'ADA@example.org is already on line 2' }
			]
		});
	});

	it('refuses a file without a header or without anyone', () => {
		expect(readInvitationList('Ada,ada@example.org')).toMatchObject({ ok: false, problems: [{ line: 1 }] });
		expect(readInvitationList('name,email\n')).toMatchObject({ ok: false, problems: [{ line: 2 }] });
		expect(readInvitationList('')).toMatchObject({ ok: false });
	});

	it('counts lines inside quoted fields, so problems point at the right line', () => {
		expect(csvRows('a,"two\nlines"\nb,c').map((row) => row.line)).toEqual([1, 3]);
	});
});
