import type { Instrument, SeverityBand } from './types';

/**
 * The total an instrument's items produce by its scoring rule, or null when an item is missing
 * (no silent prorating) or the item count is wrong.
 */
export function totalFromItems(
	instrument: Instrument,
	items: readonly (number | null)[]
): number | null {
	if (items.length !== instrument.itemCount || items.some((v) => v === null)) return null;
	const values = items as number[];
	if (instrument.scoring.kind === 'sum') return values.reduce((a, b) => a + b, 0);
	return instrument.scoring.domains.reduce(
		(total, domain) => total + Math.max(...domain.map((item) => values[item - 1])),
		0
	);
}

/** The severity band a total falls in, or null for a total outside the instrument's range. */
export function bandOf(instrument: Instrument, total: number): SeverityBand | null {
	return instrument.bands.find((b) => total >= b.min && total <= b.max) ?? null;
}

/** Problems with a total and its optional items, in plain words; empty when valid. */
export function validateScore(
	instrument: Instrument,
	total: number,
	items: readonly (number | null)[] | null
): string[] {
	const problems: string[] = [];
	if (!Number.isInteger(total) || total < instrument.totalMin || total > instrument.totalMax) {
		problems.push(
			`total ${total} is outside ${instrument.name}'s range ${instrument.totalMin}-${instrument.totalMax}`
		);
	}
	if (items === null) return problems;
	if (items.length !== instrument.itemCount) {
		problems.push(
			`${instrument.name} has ${instrument.itemCount} items, but ${items.length} were given`
		);
		return problems;
	}
	items.forEach((value, index) => {
		if (value === null) {
			problems.push(`item ${index + 1} is missing (a ${instrument.name} total needs every item)`);
		} else if (
			!Number.isInteger(value) ||
			value < instrument.itemMin ||
			value > instrument.itemMax
		) {
			problems.push(
				`item ${index + 1} is ${value}, outside ${instrument.itemMin}-${instrument.itemMax}`
			);
		}
	});
	if (problems.length > 0) return problems;
	const expected = totalFromItems(instrument, items);
	if (expected !== null && expected !== total) {
		const rule = instrument.scoring.kind === 'sum' ? 'sum of the items' : 'QIDS domain scoring';
		problems.push(`total ${total} does not match the ${rule}, which gives ${expected}`);
	}
	return problems;
}
