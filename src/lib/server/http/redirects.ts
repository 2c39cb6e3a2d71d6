/** Any origin would do: it only anchors the parse of a relative path. */
const ANCHOR = 'http://plenary.invalid';

/**
 * The one rule for a redirect target that came from input (`?redirectTo=`): a path on this site,
 * or `fallback`. Browsers read `//host`, `/\host`, `\\host` and such with a tab or newline inside
 * as another site, so only a plain absolute path survives, as the URL parser normalises it.
 */
export function safeRedirectPath(target: string | null | undefined, fallback = '/'): string {
	if (!target || target.length > 2048) return fallback;
	// Backslashes count as slashes in URLs, and control characters (tab, newline) are dropped.
	// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
	if (/[\\\u0000-\u001f\u007f]/.test(target)) return fallback;
	if (!target.startsWith('/') || target.startsWith('//')) return fallback;
	let url: URL;
	try {
		url = new URL(target, ANCHOR);
	} catch {
		return fallback;
	}
	if (url.origin !== ANCHOR) return fallback;
	const path = url.pathname + url.search + url.hash;
	// `/a/../..//host` resolves to `//host`: the normalised path must stay a plain path too.
	return path.startsWith('/') && !path.startsWith('//') && !path.includes('\\') ? path : fallback;
}
