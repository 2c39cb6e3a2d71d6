/**
 * The form fields of a request, or null when its body is not a form (a script's JSON, a broken
 * multipart body): the action then answers 400 instead of failing with a server error.
 */
export async function readForm(request: Request): Promise<FormData | null> {
	return request.formData().catch(() => null);
}
