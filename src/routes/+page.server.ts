import { fail, redirect } from '@sveltejs/kit';
import { JOIN_CODE_PATTERN, normaliseJoinCode } from '$lib/domain/meeting';
import { findMeetingByCode } from '$lib/server/meetings/store';
import { readForm } from '$lib/server/forms';

export const actions = {
	join: async ({ request }) => {
		const form = await readForm(request);
		if (!form) return fail(400, { code: '', message: 'Type the code shown on the screen.' });
		const code = normaliseJoinCode(String(form.get('code') ?? '')).slice(0, 32);
		if (!JOIN_CODE_PATTERN.test(code) || !findMeetingByCode(code)) {
			return fail(400, { code, message: 'No meeting has this code. Check the code on the screen.' });
		}
		redirect(303, `/m/${code}`);
	}
};
