import type { Grouped, Keyed } from '$lib/server/queries/result';
import { isGrouped } from '$lib/server/queries/result';
import { flatten, type FlatRow } from './csv';

// Rows for CSV exports: one per group (or the single cohort), or the nested list of each group
// with the group's key in front.

export function groupsOf<T extends object>(result: Grouped<T>): Keyed<T>[] {
	if (isGrouped(result)) return result.groups;
	const { as_of: _asOf, filters: _filters, definitions_version: _version, ...fields } = result;
	return [{ key: 'all', ...(fields as T) }];
}

export function summaryRows<T extends object>(result: Grouped<T>): FlatRow[] {
	return groupsOf(result).map((group) => {
		const { suppressed, ...fields } = group as Keyed<T> & { suppressed?: string[] };
		return { ...flatten(fields), suppressed: (suppressed ?? []).join('|') };
	});
}

export function nestedRows<T extends object, R extends object>(
	result: Grouped<T>,
	list: (group: T) => R[]
): FlatRow[] {
	return groupsOf(result).flatMap((group) =>
		list(group).map((item) => ({ key: group.key, ...flatten(item) }))
	);
}
