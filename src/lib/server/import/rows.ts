import { INSTRUMENTS, isInstrumentCode, validateScore } from '$lib/instruments';
import type { AgeBand, Indication, Phase, Sex } from '../db/schema';
import type { ColumnIndex } from './columns';
import { AGE_BANDS, CLINICIAN_CODE, INDICATIONS, PATIENT_CODE, PHASES, SEXES } from './enums';
import {
	parseCode,
	parseDate,
	parseDose,
	parseEnum,
	parseInteger,
	parseItems,
	parseRequired,
	type Parsed
} from './values';

// Row-level rules: each row on its own, before any set-level rule (duplicates, known patients),
// which the staging tables check in SQL.

export interface PatientRow {
	line: number;
	patient_code: string;
	clinic: string;
	clinician: string | null;
	primary_indication: Indication;
	age_band: AgeBand;
	sex: Sex;
	enrolled_on: string;
	discharged_on: string | null;
}

export interface InfusionRow {
	line: number;
	patient_code: string;
	administered_on: string;
	phase: Phase;
	dose_mg_per_kg: number | null;
}

export interface AssessmentRow {
	line: number;
	patient_code: string;
	instrument: string;
	administered_on: string;
	total: number;
	/** Item scores, or null when the file gives only the total. */
	items: number[] | null;
}

export interface CellProblem {
	column: string;
	message: string;
}

export type RowResult<T> =
	{ ok: true; row: T } | { ok: false; problems: CellProblem[]; patientCode: string | null };

/** Reads named cells and gathers every problem of the row, not just the first. */
class RowReader {
	readonly problems: CellProblem[] = [];
	constructor(
		private readonly record: string[],
		private readonly index: ColumnIndex
	) {}

	cell(column: string): string {
		const position = this.index.get(column);
		return position === undefined ? '' : (this.record[position] ?? '');
	}

	take<T>(column: string, parsed: Parsed<T>): T {
		if (!parsed.ok) this.problems.push({ column, message: parsed.message });
		return parsed.ok ? parsed.value : (undefined as T);
	}

	result<T>(row: T): RowResult<T> {
		if (this.problems.length === 0) return { ok: true, row };
		const code = this.cell('patient_code');
		return {
			ok: false,
			problems: this.problems,
			patientCode: PATIENT_CODE.test(code) ? code : null
		};
	}
}

const CODE_RULE = '3-40 letters, digits, "-" or "_"';

export function validatePatient(record: string[], index: ColumnIndex, line: number, today: string) {
	const r = new RowReader(record, index);
	const clinician = r.cell('clinician');
	const sex = r.cell('sex');
	const row: PatientRow = {
		line,
		patient_code: r.take(
			'patient_code',
			parseCode(r.cell('patient_code'), PATIENT_CODE, CODE_RULE)
		),
		clinic: r.take('clinic', parseRequired(r.cell('clinic'))),
		clinician:
			clinician === ''
				? null
				: r.take(
						'clinician',
						parseCode(clinician, CLINICIAN_CODE, '1-40 letters, digits, ".", "-" or "_"')
					),
		primary_indication: r.take(
			'primary_indication',
			parseEnum(r.cell('primary_indication'), INDICATIONS, 'indication')
		),
		age_band: r.take('age_band', parseEnum(r.cell('age_band'), AGE_BANDS, 'age band')),
		// An empty sex is recorded as 'unknown', which is what the schema's default means.
		sex: sex === '' ? 'unknown' : r.take('sex', parseEnum(sex, SEXES, 'sex')),
		enrolled_on: r.take('enrolled_on', parseDate(r.cell('enrolled_on'), today)),
		discharged_on: null
	};
	if (row.clinic && row.clinic.length > 100) {
		r.problems.push({ column: 'clinic', message: 'is longer than 100 characters' });
	}
	const discharged = r.cell('discharged_on');
	if (discharged !== '') {
		row.discharged_on = r.take('discharged_on', parseDate(discharged, today));
		if (row.discharged_on && row.enrolled_on && row.discharged_on < row.enrolled_on) {
			r.problems.push({
				column: 'discharged_on',
				message: `${row.discharged_on} is before the enrolment date ${row.enrolled_on}`
			});
		}
	}
	return r.result(row);
}

export function validateInfusion(
	record: string[],
	index: ColumnIndex,
	line: number,
	today: string
) {
	const r = new RowReader(record, index);
	const row: InfusionRow = {
		line,
		patient_code: r.take(
			'patient_code',
			parseCode(r.cell('patient_code'), PATIENT_CODE, CODE_RULE)
		),
		administered_on: r.take('administered_on', parseDate(r.cell('administered_on'), today)),
		phase: r.take('phase', parseEnum(r.cell('phase'), PHASES, 'phase')),
		dose_mg_per_kg: r.take('dose_mg_per_kg', parseDose(r.cell('dose_mg_per_kg')))
	};
	return r.result(row);
}

export function validateAssessment(
	record: string[],
	index: ColumnIndex,
	line: number,
	today: string
) {
	const r = new RowReader(record, index);
	const code = r.cell('instrument');
	const instrument = isInstrumentCode(code) ? INSTRUMENTS[code] : null;
	if (!instrument) {
		r.problems.push({
			column: 'instrument',
			message: `"${code.slice(0, 40)}" is not a known instrument; use one of ${Object.keys(INSTRUMENTS).join(', ')}`
		});
	}
	const row: AssessmentRow = {
		line,
		patient_code: r.take(
			'patient_code',
			parseCode(r.cell('patient_code'), PATIENT_CODE, CODE_RULE)
		),
		instrument: code,
		administered_on: r.take('administered_on', parseDate(r.cell('administered_on'), today)),
		total: r.take('total', parseInteger(r.cell('total'))),
		items: null
	};
	const items = r.take('items', parseItems(r.cell('items')));
	if (instrument && row.total !== undefined && items !== undefined) {
		// The registry's rule: range, item count, item ranges, no missing item, and the total
		// the instrument's scoring gives (QIDS-SR16 by domains, never a plain sum).
		for (const message of validateScore(instrument, row.total, items)) {
			r.problems.push({ column: message.startsWith('total') ? 'total' : 'items', message });
		}
		row.items = items as number[] | null;
	}
	return r.result(row);
}
