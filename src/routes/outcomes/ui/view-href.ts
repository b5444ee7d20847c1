/**
 * A link to the same page with some URL parameters changed (null removes one), so a view switch
 * keeps every filter.
 */
export function viewHref(search: string, changes: Record<string, string | null>): string {
	const params = new URLSearchParams(search);
	for (const [key, value] of Object.entries(changes)) {
		if (value === null) params.delete(key);
		else params.set(key, value);
	}
	return `?${params}`;
}
