import { expect, test } from 'vitest';
import { parseFilters } from '$lib/filters';
import { choiceSummary, standardFilterOptions } from './filter-options';

const options = standardFilterOptions(['North', 'South'], ['dr_a']);

test.each([
	[[], 'All'],
	[['chronic_pain'], 'Chronic pain'],
	[['ptsd', 'anxiety'], '2 selected'],
	[['unknown'], 'unknown']
])('summary of %j is %s', (chosen, text) => {
	expect(choiceSummary(options.indications, chosen)).toBe(text);
});

test('every offered value is one the URL filter schema accepts', () => {
	const params = new URLSearchParams();
	for (const o of options.indications) params.append('indication', o.value);
	for (const o of options.ageBands) params.append('age_band', o.value);
	params.set('instrument', options.instruments[0].value);
	params.set('by', options.groupBy[4].value);
	const parsed = parseFilters(params);
	expect(parsed.ok).toBe(true);
	for (const o of options.groupBy) {
		expect(parseFilters(new URLSearchParams({ by: o.value })).ok).toBe(true);
	}
	for (const o of options.instruments) {
		expect(parseFilters(new URLSearchParams({ instrument: o.value })).ok).toBe(true);
	}
});
