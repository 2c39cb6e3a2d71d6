import { error } from '@sveltejs/kit';

/** The largest request body the server reads (BODY_SIZE_LIMIT, set in server.js): a 2 MB meeting file and its form. */
export const FORM_MAX_BYTES = 3 * 1024 * 1024;

/**
 * The form fields of a request, or null when its body is not a form (a script's JSON, a broken
 * multipart body): the action then answers 400 instead of failing with a server error. A body
 * larger than the server reads is answered 413, saying so.
 */
export async function readForm(request: Request): Promise<FormData | null> {
	try {
		return await request.formData();
	} catch (problem) {
		if ((problem as { status?: unknown } | null)?.status === 413)
			error(413, `This form is larger than the server accepts (${FORM_MAX_BYTES / 1024 / 1024} MB).`);
		return null;
	}
}
