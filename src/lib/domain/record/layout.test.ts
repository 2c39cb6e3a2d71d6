import { describe, expect, it } from 'vitest';
import { LOCALES } from '$lib/i18n/locales';
import { sourceMessages } from '$lib/server/i18n';
import { reportWords } from '$lib/server/record/words';
import { buildRecord } from './build';
import type { RecordFacts } from './facts';
import { askedQuestion, at, sessionFacts, spokenTurn } from './fixtures';
import { fieldBlocks, layoutReport, type Block } from './layout';

/** A short session with something in every report field but the headcounts. */
const facts: RecordFacts = sessionFacts({
	agenda: [
		{ id: 'goals', kind: 'info', title: 'Goals', body: '', cards: [], focus: null, panelists: [] },
		{
			id: 'options',
			kind: 'walkthrough',
			title: 'Policy options',
			body: '',
			cards: [{ id: 'dos', title: 'Denial of service', body: 'Attacks grow. They cost.' }],
			focus: null,
			panelists: []
		}
	],
	moves: [
		{ item: 0, step: 0, at: at(0) },
		{ item: 1, step: 0, at: at(10) },
		{ item: 1, step: 1, at: at(12) }
	],
	questions: [
		askedQuestion('q1', 'How do we protect women journalists online?', {
			authorName: 'Amina',
			stakeholderGroup: 'civil_society',
			mode: 'remote',
			status: 'answered',
			upvotes: 2,
			askedAt: at(13),
			answeredAt: at(14)
		})
	],
	speakers: [
		spokenTurn('Dara Okafor', 15, {
			affiliation: 'CERT Nigeria',
			stakeholderGroup: 'technical_community',
			endedAt: at(17)
		})
	],
	tags: [
		{ target: 'card', targetId: 'dos', tag: 'key_issue', at: at(20) },
		{ target: 'question', targetId: 'q1', tag: 'takeaway', at: at(21) }
	],
	notes: [{ itemId: 'goals', text: 'The chair framed the goals.' }],
	people: {
		moderators: [{ name: 'Maria Chair', affiliation: 'IGF Secretariat' }],
		rapporteurs: [{ name: 'Ken Notes', affiliation: '' }]
	}
});

const textOf = (blocks: Block[]) =>
	blocks
		.map((block) => {
			switch (block.kind) {
				case 'heading':
				case 'paragraph':
					return `${block.text} ${block.kind === 'heading' ? (block.mark ?? '') : ''}`;
				case 'list':
					return block.items.join(' ');
				case 'table':
					return [...block.columns, ...block.rows.flat()].join(' ');
				case 'fields':
					return block.entries.map((e) => `${e.label} ${e.value} ${e.mark ?? ''}`).join(' ');
				case 'appendix':
					return block.title;
			}
		})
		.join('\n');

/** English words of the report's own that a translated report must not fall back on. */
const ENGLISH_ONLY = ['Session report', 'Appendix', 'Agenda as held', 'Key issues raised', 'not yet checked'];

describe.each(LOCALES)('the report in %s', (locale) => {
	const words = reportWords(locale);
	const record = buildRecord({ ...facts, meeting: { ...facts.meeting, language: locale } }, words);
	const document = layoutReport(record, words);
	const text = textOf(document.blocks);
	const messages = sourceMessages()[locale];

	it('labels every field in the meeting’s language', () => {
		for (const field of record.report) {
			const id = field.key === 'outcomes' ? 'report.field.outcomes_bpf' : `report.field.${field.key}`;
			expect(field.label).toBe(messages[id]);
		}
	});

	it('writes its headings, marks and prefilled sentences in that language, never English', () => {
		expect(document.locale).toBe(locale);
		expect(document.dir).toBe(locale === 'ar' ? 'rtl' : 'ltr');
		if (locale !== 'en') for (const phrase of ENGLISH_ONLY) expect(text).not.toContain(phrase);
		const field = (key: string) => record.report.find((f) => f.key === key)!;
		// The date is the language's own: the month is not the English one.
		expect(field('date_time').value.includes('December')).toBe(locale === 'en');
		if (locale !== 'en') {
			expect(field('discussion').value).not.toContain('The session received');
			expect(field('gender_issues').value).not.toContain('Gender came up');
		}
		expect(field('gender_issues').value).toContain('How do we protect women journalists online?');
		expect(field('speakers').value).toContain('Dara Okafor');
		expect(field('speakers').value).toContain('CERT Nigeria');
	});

	it('fills every field it has evidence for, and marks each for the rapporteur', () => {
		const empty = record.report.filter((f) => f.value.trim() === '').map((f) => f.key);
		// No topic was agreed in this session: next steps are the rapporteur's to write too.
		expect(empty).toEqual(['way_forward', 'participants', 'women_participants']);
		const marks = document.blocks.flatMap((b) => (b.kind === 'heading' && b.mark ? [b.mark] : []));
		expect(marks).toContain(messages['report.mark.prefilled']);
		expect(marks).toContain(messages['report.mark.empty']);
	});

	it('writes counts with the language’s plural forms, never "(s)"', () => {
		expect(text).not.toMatch(/\(s\)/);
		if (locale === 'en') expect(words.say('report.count.ballots', { count: 1 })).toBe('1 ballot');
	});
});

describe('a field’s text in the exports', () => {
	it('turns "- " lines into a real list and blank lines into paragraphs', () => {
		expect(fieldBlocks('Agreed:\n- One\n- Two\n\nThen more.')).toEqual([
			{ kind: 'paragraph', text: 'Agreed:' },
			{ kind: 'list', items: ['One', 'Two'] },
			{ kind: 'paragraph', text: 'Then more.' }
		]);
	});

	it('keeps the report proper before the appendix, and notes and key issues once', () => {
		const words = reportWords('en');
		const document = layoutReport(buildRecord(facts, words), words);
		const appendix = document.blocks.findIndex((b) => b.kind === 'appendix');
		expect(appendix).toBeGreaterThan(0);
		const count = (needle: string) => textOf(document.blocks).split(needle).length - 1;
		expect(count('The chair framed the goals.')).toBe(1);
		expect(count('Denial of service: Attacks grow.')).toBe(1);
	});
});

describe('a breakdown with many options and groups', () => {
	it('turns the table (options down, groups across), gives ballots a row, folds withheld groups into a note, and goes landscape', async () => {
		const { tallyPoll } = await import('../polls/tally');
		const { STAKEHOLDER_GROUPS } = await import('../meeting');
		const options = Array.from({ length: 10 }, (_, i) => ({ id: `o${i}`, label: `Option ${i}` }));
		const sizes = [5, 6, 7, 8, 9, 4, 2];
		const ballots = STAKEHOLDER_GROUPS.flatMap((group, g) =>
			Array.from({ length: sizes[g] }, (_, i) => ({
				choice: { kind: 'multiple' as const, optionIds: [`o${(i + g) % 10}`] },
				group,
				mode: null
			}))
		);
		const results = tallyPoll(
			{ kind: 'multiple', question: 'Which?', options, maxPicks: 2, wordLimit: null },
			ballots
		);
		const words = reportWords('en');
		const poll = {
			id: 'p',
			itemId: 'options',
			kind: 'multiple' as const,
			question: 'Which?',
			status: 'closed' as const,
			options,
			openedAt: at(1),
			closedAt: at(2),
			results
		};
		const document = layoutReport(buildRecord({ ...facts, polls: [poll] }, words), words);
		const table = document.blocks.find(
			(b): b is Extract<Block, { kind: 'table' }> => b.kind === 'table' && b.columns[0] === 'Option'
		)!;
		const shown = results.byGroup.filter((g) => g.tally);
		expect(table.columns).toEqual(['Option', ...shown.map((g) => words.say(`common.group.${g.group}`))]);
		expect(table.rows[0]).toEqual(['Ballots', ...shown.map((g) => String(g.ballots))]);
		expect(table.rows).toHaveLength(1 + options.length);
		expect(table.rows.flat()).not.toContain('—');
		expect(table.wide).toBe(table.columns.length > 5);
		const withheld = results.byGroup.filter((g) => !g.tally);
		expect(withheld.length).toBeGreaterThan(0);
		const note = document.blocks.find((b) => b.kind === 'paragraph' && b.text.startsWith('Too few ballots'));
		expect(note).toBeDefined();
	});
});
