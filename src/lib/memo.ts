// Results kept per key for hot, pure computations whose keys are few (dates on a page, an item
// scale's answers, a number of digits). At `max` keys everything is forgotten at once: the bound
// only guards against odd input, so no recency bookkeeping is worth its cost.

export function boundedMemo<V>(max: number): (key: string, compute: () => V) => V {
	const kept = new Map<string, V>();
	return (key, compute) => {
		let value = kept.get(key);
		if (value === undefined) {
			value = compute();
			if (kept.size >= max) kept.clear();
			kept.set(key, value);
		}
		return value;
	};
}
