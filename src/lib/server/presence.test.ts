import { describe, expect, it } from 'vitest';
import { Presence } from './presence';

describe('phones connected while a poll is open', () => {
	it('counts those connected when it opens and each one who connects until it closes, once each', () => {
		const presence = new Presence();
		presence.arrive('m', 'early', 'in_room');
		presence.arrive('m', 'gone', null);
		presence.leave('m', 'gone');
		presence.pollsOpen('m', ['p']);
		presence.arrive('m', 'late', 'remote');
		presence.arrive('m', 'late', 'remote');
		presence.leave('m', 'late');
		presence.leave('m', 'late');
		presence.arrive('m', 'late', 'remote');
		presence.pollsOpen('m', []);
		presence.arrive('m', 'after', 'in_room');
		expect(presence.follows('p')).toBe(true);
		expect(presence.connectedWhileOpen('p')).toBe(2);
		expect(presence.counts('m').connected).toBe(3);
	});

	it('keeps counting a poll opened again, and counts no poll of another meeting', () => {
		const presence = new Presence();
		presence.pollsOpen('m', ['p']);
		presence.arrive('m', 'a', null);
		presence.pollsOpen('m', []);
		presence.arrive('other', 'b', null);
		presence.pollsOpen('m', ['p']);
		presence.arrive('m', 'c', null);
		expect(presence.connectedWhileOpen('p')).toBe(2);
		expect(presence.follows('q')).toBe(false);
	});
});
