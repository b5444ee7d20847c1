import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../db/schema';
import type { AssessmentRow, InfusionRow, PatientRow } from './rows';
import type { FileKind } from './types';

// Row-validated rows go into temporary tables of the import's transaction, in batches, so that
// set-level rules (duplicates, known patients, updates) are checked in SQL and the node process
// never holds a whole file. Each batch is one INSERT ... SELECT FROM unnest(arrays): one
// parameter per column instead of one per value, the same statement on PGlite and PostgreSQL.

export const STAGE_TABLE: Record<FileKind, string> = {
	patients: 'import_patients',
	infusions: 'import_infusions',
	assessments: 'import_assessments'
};

const BATCH_ROWS = 5000;

export async function createStagingTables(trx: Kysely<DB>): Promise<void> {
	await sql`create temporary table import_patients (
		line integer not null, patient_code text not null, clinic text not null, clinician text,
		primary_indication text not null, age_band text not null, sex text not null,
		enrolled_on date not null, discharged_on date) on commit drop`.execute(trx);
	await sql`create temporary table import_infusions (
		line integer not null, patient_code text not null, administered_on date not null,
		phase text not null, dose_mg_per_kg numeric(4, 2)) on commit drop`.execute(trx);
	await sql`create temporary table import_assessments (
		line integer not null, patient_code text not null, instrument text not null,
		administered_on date not null, total smallint not null, items smallint[]) on commit drop`.execute(
		trx
	);
	// Codes of patient rows that failed validation: their infusions and assessments are not
	// also reported as "unknown patient", which would bury the real error.
	await sql`create temporary table import_rejected_codes (patient_code text not null) on commit drop`.execute(
		trx
	);
	await sql`create temporary table import_touched (patient_id integer primary key) on commit drop`.execute(
		trx
	);
}

type Columns = Record<string, unknown[]>;

const NEEDS_ESCAPE = /["\\]/;

/**
 * One column's values as a PostgreSQL array literal, as pg would write the array: every text
 * quoted (so that a text 'NULL' stays a text) with '"' and '\\' escaped. Written here because
 * pg's generic conversion of each element was 9% of the import's time in node at 100k patients.
 */
export function arrayLiteral(values: readonly unknown[]): string {
	// Joined, not concatenated: one flat string, where += would build a rope of every element.
	const elements = new Array<string>(values.length);
	for (let i = 0; i < values.length; i++) {
		const value = values[i];
		if (value === null || value === undefined) elements[i] = 'NULL';
		else if (typeof value === 'number') elements[i] = String(value);
		else {
			const text = String(value);
			elements[i] = `"${NEEDS_ESCAPE.test(text) ? text.replace(/["\\]/g, '\\$&') : text}"`;
		}
	}
	return `{${elements.join(',')}}`;
}

function insertBatch(kind: FileKind, columns: Columns): RawBuilder<unknown> {
	const c = Object.fromEntries(
		Object.entries(columns).map(([name, values]) => [name, arrayLiteral(values)])
	);
	switch (kind) {
		case 'patients':
			return sql`insert into import_patients select * from unnest(
				${c.line}::integer[], ${c.patient_code}::text[], ${c.clinic}::text[], ${c.clinician}::text[],
				${c.primary_indication}::text[], ${c.age_band}::text[], ${c.sex}::text[],
				${c.enrolled_on}::date[], ${c.discharged_on}::date[])`;
		case 'infusions':
			return sql`insert into import_infusions select * from unnest(
				${c.line}::integer[], ${c.patient_code}::text[], ${c.administered_on}::date[],
				${c.phase}::text[], ${c.dose_mg_per_kg}::numeric[])`;
		case 'assessments':
			// Item arrays travel as array literals ('{1,2,3}'): unnest would flatten a 2-D array.
			return sql`insert into import_assessments
				select line, patient_code, instrument, administered_on, total, items::smallint[] from unnest(
				${c.line}::integer[], ${c.patient_code}::text[], ${c.instrument}::text[],
				${c.administered_on}::date[], ${c.total}::smallint[], ${c.items}::text[])
				as u(line, patient_code, instrument, administered_on, total, items)`;
	}
}

type StagedRow = PatientRow | InfusionRow | AssessmentRow;

// Each kind's columns, listed once: taking them by name avoids an Object.entries() array per
// row, which was a visible share of the garbage collector's work at millions of rows.
const STAGED_COLUMNS: Record<FileKind, readonly string[]> = {
	patients: [
		'line',
		'patient_code',
		'clinic',
		'clinician',
		'primary_indication',
		'age_band',
		'sex',
		'enrolled_on',
		'discharged_on'
	],
	infusions: ['line', 'patient_code', 'administered_on', 'phase', 'dose_mg_per_kg'],
	assessments: ['line', 'patient_code', 'instrument', 'administered_on', 'total', 'items']
};

const emptyColumns = (kind: FileKind): Columns =>
	Object.fromEntries(STAGED_COLUMNS[kind].map((column) => [column, []]));

/**
 * Buffers rows of one file and writes them in batches. One batch may be in flight while the
 * next is parsed, so parsing (node) and inserting (the database) overlap.
 */
export class Stager {
	#columns: Columns;
	#count = 0;
	#inFlight: Promise<void> = Promise.resolve();
	#failure: unknown = null;
	staged = 0;

	constructor(
		private readonly trx: Kysely<DB>,
		private readonly kind: FileKind
	) {
		this.#columns = emptyColumns(kind);
	}

	/** Buffers a row; true when the batch is full and should be flushed. */
	add(row: StagedRow): boolean {
		const values = row as unknown as Record<string, unknown>;
		for (const column of STAGED_COLUMNS[this.kind]) {
			const value = values[column];
			this.#columns[column].push(
				column === 'items' && Array.isArray(value) ? `{${value.join(',')}}` : value
			);
		}
		return ++this.#count >= BATCH_ROWS;
	}

	/** Sends the buffered rows (waiting first for the batch before, if still in flight). */
	async flush(): Promise<void> {
		await this.#settle();
		if (this.#count === 0) return;
		const columns = this.#columns;
		this.staged += this.#count;
		this.#columns = emptyColumns(this.kind);
		this.#count = 0;
		this.#inFlight = insertBatch(this.kind, columns)
			.execute(this.trx)
			.then(
				() => undefined,
				(error: unknown) => {
					this.#failure = error;
				}
			);
	}

	async #settle(): Promise<void> {
		await this.#inFlight;
		if (this.#failure) throw this.#failure;
	}

	/** Writes what is left and waits for every batch. */
	async finish(): Promise<void> {
		await this.flush();
		await this.#settle();
	}

	/** Waits for a batch in flight without writing more (when the file turned out unreadable). */
	async abandon(): Promise<void> {
		await this.#inFlight;
	}
}

export async function stageRejectedCode(trx: Kysely<DB>, codes: string[]): Promise<void> {
	if (codes.length === 0) return;
	await sql`insert into import_rejected_codes select unnest(${codes}::text[])`.execute(trx);
}
