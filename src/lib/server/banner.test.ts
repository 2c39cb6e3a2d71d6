import { describe, expect, it } from 'vitest';
import { startBanner } from './banner';

const origin = 'http://localhost:3000';

describe('startBanner', () => {
	it("spells out a meeting's three addresses", () => {
		const lines = startBanner([{ code: 'BPF2017', title: 'Best Practice Forum on Cybersecurity' }], origin);
		expect(lines).toContain('  BPF2017  Best Practice Forum on Cybersecurity');
		expect(lines).toContain(`    Moderator console   ${origin}/m/BPF2017/moderate`);
		expect(lines).toContain(`    Projector           ${origin}/m/BPF2017/projector`);
		expect(lines).toContain(`    Attendees join at   ${origin}/m/BPF2017`);
		expect(lines.join('\n')).not.toContain('more at');
	});

	it('shows the first few meetings and counts the rest', () => {
		const listed = Array.from({ length: 7 }, (_, i) => ({ code: `CODE${i}`, title: `Meeting ${i}` }));
		const text = startBanner(listed, origin).join('\n');
		expect(text).toContain('CODE2  Meeting 2');
		expect(text).not.toContain('CODE3');
		expect(text).toContain(`and 4 more at ${origin}/admin`);
	});

	it('says where to create a meeting when there is none', () => {
		expect(startBanner([], origin).join('\n')).toContain(`No meetings yet: create one at ${origin}/admin`);
	});
});
