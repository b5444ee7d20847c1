import type { WorklistOptions } from '../../../src/lib/server/queries/worklist';

/** The worklist as its page asks for it by default (flags first), with the given changes. */
export function worklistOptions(changes: Partial<WorklistOptions> = {}): WorklistOptions {
	return {
		q: null,
		code: null,
		flag: null,
		phase: null,
		activeWithinDays: 180,
		sort: 'flags',
		dir: 'desc',
		instrument: 'phq9',
		page: 1,
		pageSize: 25,
		...changes
	};
}
