import { expect, test } from 'vitest';
import { viewHref } from './view-href';

test.each([
	[
		'?instrument=phq9&clinic=A&clinic=B',
		{ view: 'pct' },
		'?instrument=phq9&clinic=A&clinic=B&view=pct'
	],
	['?by=clinic&view=pct', { view: null }, '?by=clinic'],
	['?gap=3&by=clinic', { gap: '5' }, '?gap=5&by=clinic'],
	['', { benchmarks: '1' }, '?benchmarks=1']
])('%s with %j keeps every filter: %s', (search, changes, expected) => {
	expect(viewHref(search, changes)).toBe(expected);
});
