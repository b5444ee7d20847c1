import { z } from 'zod';
import { parseFilters, type Filters } from '$lib/filters';
import { LANE_SORTS, type LaneOptions } from '$lib/server/queries/booster-lanes';

// /intervals URL parameters: the shared filters plus sort, direction and page.

export const LANES_PER_PAGE = 30;

const schema = z.object({
	sort: z.enum(LANE_SORTS, { message: `must be one of ${LANE_SORTS.join(', ')}` }),
	dir: z.enum(['asc', 'desc'], { message: 'must be asc or desc' }),
	page: z.coerce.number().int('must be a whole number').min(1, 'must be 1 or more').max(100_000)
});

export type LaneParams =
	{ ok: true; filters: Filters; options: LaneOptions } | { ok: false; error: string };

export function parseLaneParams(params: URLSearchParams): LaneParams {
	const shared = parseFilters(params, { extra: ['sort', 'dir', 'page'] });
	if (!shared.ok) return { ok: false, error: shared.error };
	const value = (key: string) => params.get(key) || null;
	const sort = value('sort') ?? 'trend';
	const result = schema.safeParse({
		sort,
		// Shortening gaps (negative trend) first: those are the patients to look at.
		dir: value('dir') ?? (sort === 'trend' || sort === 'code' ? 'asc' : 'desc'),
		page: value('page') ?? 1
	});
	if (!result.success) {
		const issue = result.error.issues[0];
		return { ok: false, error: `Parameter "${String(issue.path[0])}" ${issue.message}` };
	}
	return {
		ok: true,
		filters: shared.filters,
		options: { ...result.data, pageSize: LANES_PER_PAGE }
	};
}
