import { DEFINITIONS_VERSION } from '../../definitions';
import type { Filters } from '../../filters';
import type { Cohort } from './cohort';

// The envelope every aggregate returns: the as-of date actually used, the filters, the
// definitions version; then either the fields of one cohort, or with `by` one group per value.

export interface ResultMeta {
	as_of: string;
	filters: Filters;
	definitions_version: string;
}

export type Keyed<T> = { key: string } & T;

export type Grouped<T> = ResultMeta & (T | { groups: Keyed<T>[] });

export function isGrouped<T>(result: Grouped<T>): result is ResultMeta & { groups: Keyed<T>[] } {
	return 'groups' in result;
}

export function meta(cohort: Cohort): ResultMeta {
	return { as_of: cohort.asOf, filters: cohort.filters, definitions_version: DEFINITIONS_VERSION };
}

/** One result per group with `by`; otherwise the single cohort's (an empty cohort included). */
export function grouped<Row, T>(
	cohort: Cohort,
	groups: readonly { key: string; rows: Row[] }[],
	present: (rows: Row[]) => T
): Grouped<T> {
	if (cohort.filters.by) {
		return { ...meta(cohort), groups: groups.map((g) => ({ key: g.key, ...present(g.rows) })) };
	}
	return { ...meta(cohort), ...present(groups[0]?.rows ?? []) };
}
