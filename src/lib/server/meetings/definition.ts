import { z } from 'zod';
import { ITEM_KINDS } from '$lib/domain/agenda';
import { JOIN_CODE_PATTERN, STAKEHOLDER_GROUPS } from '$lib/domain/meeting';

/** A meeting definition file: the portable form of a meeting and its agenda (format version 1). */
const id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'lower-case letters, digits and dashes');
const text = (max: number) => z.string().trim().max(max);

const card = z.object({ id, title: text(200).min(1), body: text(4000).default('') });

const panelist = z.object({
	id,
	name: text(200).min(1),
	affiliation: text(200).default(''),
	stakeholderGroup: z.enum(STAKEHOLDER_GROUPS)
});

const agendaItem = z.object({
	id,
	kind: z.enum(ITEM_KINDS),
	title: text(200).min(1),
	body: text(8000).default(''),
	cards: z.array(card).max(100).default([]),
	focus: z
		.object({
			title: text(200).min(1),
			body: text(4000).default(''),
			cards: z.array(card).max(20).default([])
		})
		.nullable()
		.default(null),
	panelists: z.array(panelist).max(50).default([])
});

export const meetingDefinitionSchema = z
	.object({
		format: z.literal('plenary-meeting'),
		formatVersion: z.literal(1),
		meeting: z.object({
			code: z.string().regex(JOIN_CODE_PATTERN, '4 to 12 upper-case letters or digits'),
			title: text(200).min(1),
			description: text(4000).default(''),
			venue: text(200).default(''),
			date: z.iso.date().nullable().default(null),
			timeZone: text(64).default('UTC'),
			organiser: text(200).default(''),
			commentDeadline: z.iso.datetime().nullable().default(null)
		}),
		agenda: z.array(agendaItem).min(1).max(100)
	})
	.superRefine((definition, context) => {
		// Items, cards and panelists are addressed by id within a meeting, so ids must not repeat.
		const seen = new Set<string>();
		definition.agenda.forEach((item, itemIndex) => {
			const claims: [string, (string | number)[]][] = [
				[item.id, ['agenda', itemIndex, 'id']],
				...item.cards.map((c, i): [string, (string | number)[]] => [
					c.id,
					['agenda', itemIndex, 'cards', i, 'id']
				]),
				...(item.focus?.cards ?? []).map((c, i): [string, (string | number)[]] => [
					c.id,
					['agenda', itemIndex, 'focus', 'cards', i, 'id']
				]),
				...item.panelists.map((p, i): [string, (string | number)[]] => [
					p.id,
					['agenda', itemIndex, 'panelists', i, 'id']
				])
			];
			for (const [claimed, path] of claims) {
				if (seen.has(claimed))
					context.addIssue({ code: 'custom', message: `id "${claimed}" is used twice`, path });
				seen.add(claimed);
			}
		});
	});

export type MeetingDefinition = z.infer<typeof meetingDefinitionSchema>;
