import { error } from '@sveltejs/kit';

/**
 * Whether a value from a client holds the NUL character anywhere (in a string, or a string inside
 * it): no one types it, and PostgreSQL's text cannot hold it, so such input is refused as invalid.
 */
export function holdsNul(value: unknown): boolean {
	if (typeof value === 'string') return value.includes('\0');
	if (Array.isArray(value)) return value.some(holdsNul);
	if (value && typeof value === 'object') return Object.values(value).some(holdsNul);
	return false;
}

/** The largest request body the server reads (BODY_SIZE_LIMIT, set in server.js): a 2 MB meeting file and its form. */
export const FORM_MAX_BYTES = 3 * 1024 * 1024;

/**
 * The form fields of a request, or null when its body is not a form (a script's JSON, a broken
 * multipart body): the action then answers 400 instead of failing with a server error. A body
 * larger than the server reads is answered 413, saying so.
 */
export async function readForm(request: Request): Promise<FormData | null> {
	try {
		const form = await request.formData();
		// No text a person types holds the NUL character, and PostgreSQL stores none: such a form is refused.
		for (const value of form.values()) if (typeof value === 'string' && holdsNul(value)) return null;
		return form;
	} catch (problem) {
		if ((problem as { status?: unknown } | null)?.status === 413)
			error(413, `This form is larger than the server accepts (${FORM_MAX_BYTES / 1024 / 1024} MB).`);
		return null;
	}
}
