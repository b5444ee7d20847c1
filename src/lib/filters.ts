import { z } from 'zod';
import { INSTRUMENT_CODES, type InstrumentCode } from './instruments';

// One schema for the URL filters, shared by the API, the pages, the filter bar and the CSV
// links, so that a shared link restores the same view everywhere. Values are validated here; the
// query layer trusts them. Clinics are named as in the database, clinicians by their code.

export const INDICATIONS = ['depression', 'ptsd', 'anxiety', 'chronic_pain', 'other'] as const;
export const AGE_BANDS = ['18-24', '25-34', '35-44', '45-54', '55-64', '65+'] as const;
export const GROUP_BY = ['clinic', 'indication', 'age_band', 'clinician', 'start_year'] as const;

export type GroupBy = (typeof GROUP_BY)[number];

const isoDate = z
	.string()
	.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
	.refine((value) => {
		const parsed = new Date(`${value}T00:00:00Z`);
		return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
	}, 'is not a calendar date');

const name = z.string().trim().min(1, 'must not be empty').max(100, 'is too long');

const schema = z.object({
	instrument: z
		.enum(INSTRUMENT_CODES as [InstrumentCode, ...InstrumentCode[]], {
			message: `must be one of ${INSTRUMENT_CODES.join(', ')}`
		})
		.nullable(),
	clinic: z.array(name),
	indication: z.array(z.enum(INDICATIONS, { message: `must be one of ${INDICATIONS.join(', ')}` })),
	clinician: z.array(
		z.string().regex(/^[A-Za-z0-9_.-]{1,40}$/, 'must be a clinician code (letters, digits, _.-)')
	),
	age_band: z.array(z.enum(AGE_BANDS, { message: `must be one of ${AGE_BANDS.join(', ')}` })),
	start_from: isoDate.nullable(),
	start_to: isoDate.nullable(),
	as_of: isoDate.nullable(),
	by: z.enum(GROUP_BY, { message: `must be one of ${GROUP_BY.join(', ')}` }).nullable()
});

export type Filters = z.infer<typeof schema>;

const SINGLE = ['instrument', 'start_from', 'start_to', 'as_of', 'by'] as const;
const REPEATABLE = ['clinic', 'indication', 'clinician', 'age_band'] as const;
const KNOWN = new Set<string>([...SINGLE, ...REPEATABLE]);

export const EMPTY_FILTERS: Filters = {
	instrument: null,
	clinic: [],
	indication: [],
	clinician: [],
	age_band: [],
	start_from: null,
	start_to: null,
	as_of: null,
	by: null
};

export type FilterResult =
	{ ok: true; filters: Filters } | { ok: false; error: string; parameter: string };

export interface ParseOptions {
	/** Extra parameters the caller handles itself (format, gap), accepted and not parsed here. */
	extra?: readonly string[];
	/** Whether `instrument` must be given (every view that shows a score). */
	requireInstrument?: boolean;
}

/**
 * Parses URL parameters into filters. Unknown parameters, a single-valued parameter given twice
 * and invalid values are refused with a message naming the parameter (the API answers 400).
 * Empty values (`?clinic=`) mean "not set", as a GET form with an empty field sends them.
 */
export function parseFilters(params: URLSearchParams, options: ParseOptions = {}): FilterResult {
	const extra = new Set(options.extra ?? []);
	for (const key of new Set(params.keys())) {
		if (!KNOWN.has(key) && !extra.has(key)) {
			return { ok: false, parameter: key, error: `Unknown parameter "${key}"` };
		}
	}
	const raw: Record<string, unknown> = {};
	for (const key of SINGLE) {
		const values = params.getAll(key).filter((v) => v !== '');
		if (values.length > 1) {
			return { ok: false, parameter: key, error: `Parameter "${key}" may be given only once` };
		}
		raw[key] = values[0] ?? null;
	}
	for (const key of REPEATABLE) {
		raw[key] = [...new Set(params.getAll(key).filter((v) => v !== ''))];
	}
	const result = schema.safeParse(raw);
	if (!result.success) {
		const issue = result.error.issues[0];
		const parameter = String(issue.path[0] ?? 'query');
		return { ok: false, parameter, error: `Parameter "${parameter}" ${issue.message}` };
	}
	const filters = result.data;
	if (filters.start_from && filters.start_to && filters.start_from > filters.start_to) {
		return { ok: false, parameter: 'start_to', error: 'Parameter "start_to" is before start_from' };
	}
	if (options.requireInstrument && !filters.instrument) {
		return {
			ok: false,
			parameter: 'instrument',
			error: `Parameter "instrument" is required (one of ${INSTRUMENT_CODES.join(', ')})`
		};
	}
	return { ok: true, filters };
}

/** Filters back to URL parameters, in a stable order, leaving out what is not set. */
export function filtersToSearchParams(filters: Partial<Filters>): URLSearchParams {
	const params = new URLSearchParams();
	const full = { ...EMPTY_FILTERS, ...filters };
	if (full.instrument) params.set('instrument', full.instrument);
	for (const key of REPEATABLE) {
		for (const value of full[key]) params.append(key, value);
	}
	for (const key of ['start_from', 'start_to', 'as_of', 'by'] as const) {
		const value = full[key];
		if (value) params.set(key, value);
	}
	return params;
}

/** A one-line description of the filters for CSV headers, e.g. "instrument=phq9; clinic=A|B". */
export function describeFilters(filters: Filters): string {
	const parts: string[] = [];
	for (const [key, value] of Object.entries(filters)) {
		if (Array.isArray(value) ? value.length > 0 : value !== null) {
			parts.push(`${key}=${Array.isArray(value) ? value.join('|') : value}`);
		}
	}
	return parts.length > 0 ? parts.join('; ') : 'none';
}

/** Filters of a view that shows scores: the instrument is set. */
export type InstrumentFilters = Filters & { instrument: InstrumentCode };

export function hasInstrument(filters: Filters): filters is InstrumentFilters {
	return filters.instrument !== null;
}
