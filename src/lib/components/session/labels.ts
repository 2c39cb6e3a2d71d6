import type { ItemKind } from '$lib/domain/agenda';

export const ITEM_KIND_LABELS: Record<ItemKind, string> = {
	info: 'Information',
	panel: 'Panel',
	walkthrough: 'Walkthrough',
	discussion: 'Discussion',
	agreement: 'Agreement'
};
