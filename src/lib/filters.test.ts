import { describe, expect, it } from 'vitest';
import { filtersToSearchParams, parseFilters } from './filters';

const parse = (query: string, options = {}) => parseFilters(new URLSearchParams(query), options);

describe('parseFilters', () => {
	it('parses repeatable and single parameters', () => {
		const result = parse(
			'instrument=phq9&clinic=North&clinic=South&age_band=25-34&start_from=2024-01-01&by=clinic'
		);
		expect(result).toEqual({
			ok: true,
			filters: {
				instrument: 'phq9',
				clinic: ['North', 'South'],
				indication: [],
				clinician: [],
				age_band: ['25-34'],
				start_from: '2024-01-01',
				start_to: null,
				as_of: null,
				by: 'clinic'
			}
		});
	});

	it.each([
		['colour=red', 'colour'],
		['instrument=bdi', 'instrument'],
		['as_of=2024-02-30', 'as_of'],
		['as_of=2024-2-3', 'as_of'],
		['age_band=90+', 'age_band'],
		['by=clinic&by=indication', 'by'],
		['start_from=2024-05-01&start_to=2024-04-30', 'start_to'],
		['clinician=a%20b', 'clinician'],
		['format=csv', 'format']
	])('refuses %s naming %s', (query, parameter) => {
		const result = parse(query);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.parameter).toBe(parameter);
	});

	it('accepts extra parameters named by the caller and requires the instrument when asked', () => {
		expect(parse('format=csv', { extra: ['format'] }).ok).toBe(true);
		expect(parse('clinic=North', { requireInstrument: true })).toMatchObject({
			ok: false,
			parameter: 'instrument'
		});
	});

	it('treats empty values as not set', () => {
		expect(parse('clinic=&as_of=')).toMatchObject({
			ok: true,
			filters: { clinic: [], as_of: null }
		});
	});

	it('round-trips through URL parameters', () => {
		const query =
			'instrument=gad7&clinic=North&clinic=South&indication=ptsd&as_of=2024-12-31&by=start_year';
		const result = parse(query);
		if (!result.ok) throw new Error(result.error);
		expect(filtersToSearchParams(result.filters).toString()).toBe(query);
		expect(parse(filtersToSearchParams(result.filters).toString())).toEqual(result);
	});
});
