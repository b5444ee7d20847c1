import { z } from 'zod';
import { parseFilters, type Filters } from '$lib/filters';
import { FLAG_KINDS } from '$lib/server/queries/patient-flags';
import { WORKLIST_SORTS, type WorklistOptions } from '$lib/server/queries/worklist';

// The worklist's own URL parameters, beside the shared filters (src/lib/filters.ts): search,
// flag, phase, activity, sort and page. All of them live in the URL, so a reload or a link restores the view.

export const WORKLIST_PAGE_SIZE = 50;
/**
 * "Active" means an infusion in the 180 days up to the as-of date: booster gaps run from weeks to a
 * few months, so six months without any infusion means the patient has paused or left care, and
 * such patients would otherwise bury the current ones. `active=all` shows everyone.
 */
export const ACTIVE_WINDOW_DAYS = 180;

const schema = z.object({
	q: z.string().trim().max(40, 'is too long').nullable(),
	flag: z.enum(FLAG_KINDS, { message: `must be one of ${FLAG_KINDS.join(', ')}` }).nullable(),
	phase: z.enum(['induction', 'booster'], { message: 'must be induction or booster' }).nullable(),
	active: z.enum(['yes', 'all'], { message: 'must be yes or all' }),
	sort: z.enum(WORKLIST_SORTS, { message: `must be one of ${WORKLIST_SORTS.join(', ')}` }),
	dir: z.enum(['asc', 'desc'], { message: 'must be asc or desc' }),
	page: z.coerce.number().int('must be a whole number').min(1, 'must be 1 or more').max(100_000)
});

const EXTRA = ['q', 'flag', 'phase', 'active', 'sort', 'dir', 'page'] as const;

export type WorklistParams =
	{ ok: true; filters: Filters; options: WorklistOptions } | { ok: false; error: string };

export function parseWorklistParams(params: URLSearchParams): WorklistParams {
	const shared = parseFilters(params, { extra: EXTRA });
	if (!shared.ok) return { ok: false, error: shared.error };
	const value = (key: string) => params.get(key) || null;
	const sort = value('sort') ?? 'flags';
	const result = schema.safeParse({
		q: value('q'),
		flag: value('flag'),
		phase: value('phase'),
		active: value('active') ?? 'yes',
		sort,
		// Flags and change read best worst-first; codes and dates in their natural order.
		dir:
			value('dir') ?? (sort === 'flags' || sort === 'change' || sort === 'score' ? 'desc' : 'asc'),
		page: value('page') ?? 1
	});
	if (!result.success) {
		const issue = result.error.issues[0];
		return { ok: false, error: `Parameter "${String(issue.path[0])}" ${issue.message}` };
	}
	const { active, ...options } = result.data;
	return {
		ok: true,
		filters: shared.filters,
		options: {
			...options,
			q: options.q || null,
			activeWithinDays: active === 'yes' ? ACTIVE_WINDOW_DAYS : null,
			code: null,
			instrument: shared.filters.instrument ?? 'phq9',
			pageSize: WORKLIST_PAGE_SIZE
		}
	};
}
