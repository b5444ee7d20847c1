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

type Link = (changes: Record<string, string | null>) => string;

/**
 * Column-header sorting: a link that sorts by a column (a second click on the current column
 * flips the direction; a new column takes its default direction) and the header's aria-sort.
 */
export function sortHeaders<Sort extends string>(
	current: { sort: Sort; dir: 'asc' | 'desc' },
	link: Link
) {
	return {
		sortLink: (sort: Sort) =>
			link({
				sort,
				dir: current.sort === sort ? (current.dir === 'asc' ? 'desc' : 'asc') : null
			}),
		ariaSort: (sort: Sort) =>
			current.sort === sort ? (current.dir === 'asc' ? 'ascending' : 'descending') : undefined
	} as const;
}

/** The first and last row numbers shown and the page count, for "Patients 51-100 of 230". */
export function pageSpan(total: number, page: number, pageSize: number) {
	return {
		first: total === 0 ? 0 : (page - 1) * pageSize + 1,
		last: Math.min(page * pageSize, total),
		pageCount: Math.max(1, Math.ceil(total / pageSize))
	};
}
