// Builds a link to the current page with some URL parameters changed (null removes one), so that
// sorting, paging and flag chips keep every other filter. A changed filter returns to page 1.
export function withParams(current: URL, changes: Record<string, string | null>): string {
	const params = new URLSearchParams(current.searchParams);
	for (const [key, value] of Object.entries(changes)) {
		if (value === null || value === '') params.delete(key);
		else params.set(key, value);
	}
	if (!('page' in changes)) params.delete('page');
	const query = params.toString();
	return query ? `${current.pathname}?${query}` : current.pathname;
}
