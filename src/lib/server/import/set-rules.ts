import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { ErrorCollector } from './errors';
import { STAGE_TABLE } from './staging';
import type { FileKind } from './types';

// Set-level rules, checked in SQL on the staging tables (so 100k patients need no memory in
// node). Each check returns at most the room left in the error report plus the total count.

interface KindRule {
	/** Natural key within a file and in the database. */
	key: string[];
	/** Values compared to decide equal / conflicting / updated. */
	values: string[];
	/** How a key is named in a message. */
	describe: string;
}

const RULES: Record<FileKind, KindRule> = {
	patients: {
		key: ['patient_code'],
		values: [
			'clinic',
			'clinician',
			'primary_indication',
			'age_band',
			'sex',
			'enrolled_on',
			'discharged_on'
		],
		describe: `'patient ' || s.patient_code`
	},
	infusions: {
		key: ['patient_code', 'administered_on'],
		values: ['phase', 'dose_mg_per_kg'],
		describe: `'an infusion of patient ' || s.patient_code || ' on ' || s.administered_on`
	},
	assessments: {
		key: ['patient_code', 'instrument', 'administered_on'],
		values: ['total', 'items'],
		describe: `'a ' || s.instrument || ' assessment of patient ' || s.patient_code || ' on ' || s.administered_on`
	}
};

const WHAT_IS_UNIQUE: Record<FileKind, string> = {
	patients: 'each patient once',
	infusions: 'one infusion per patient per day',
	assessments: 'one assessment per patient, instrument and day'
};

const list = (table: string, columns: string[]) =>
	sql.raw(columns.map((c) => `${table}.${c}`).join(', '));
const keyJoin = (kind: FileKind) =>
	sql.raw(RULES[kind].key.map((c) => `f.${c} = s.${c}`).join(' and '));

interface Found {
	line: number;
	message: string;
	total: number;
}

/**
 * Rows repeating an earlier row's key: with different values they are errors; with the same
 * values they are harmless and removed, counted once. Returns the number removed.
 */
export async function checkDuplicates(
	trx: Kysely<DB>,
	kind: FileKind,
	file: string,
	errors: ErrorCollector
): Promise<number> {
	const table = sql.raw(STAGE_TABLE[kind]);
	const rule = RULES[kind];
	await sql`create temporary table import_repeats on commit drop as
		select s.line,
			min(f.line) filter (where (${list('f', rule.values)}) is distinct from (${list('s', rule.values)})) as conflict_line
		from ${table} s join ${table} f on ${keyJoin(kind)} and f.line < s.line
		group by s.line`.execute(trx);
	const { rows } = await sql<Found>`
		select s.line, ${sql.raw(rule.describe)} || ' is already given on line ' || r.conflict_line
			|| ' with different values; the file may give ${sql.raw(WHAT_IS_UNIQUE[kind])}' as message,
			count(*) over () as total
		from import_repeats r join ${table} s using (line)
		where r.conflict_line is not null
		order by s.line limit ${errors.room}`.execute(trx);
	const total = rows[0]?.total ?? (await countConflicts(trx));
	errors.addCounted(
		rows.map((r) => ({ file, line: r.line, column: '', message: r.message })),
		total
	);
	const removed = await sql`delete from ${table} s using import_repeats r
		where r.line = s.line and r.conflict_line is null`.execute(trx);
	await sql`drop table import_repeats`.execute(trx);
	return Number(removed.numAffectedRows ?? 0);
}

// With no room left in the report the limited query returns nothing; count separately.
async function countConflicts(trx: Kysely<DB>): Promise<number> {
	const { rows } = await sql<{ n: number }>`
		select count(*) as n from import_repeats where conflict_line is not null`.execute(trx);
	return rows[0].n;
}

/** Infusions and assessments must belong to a patient of this import or of the database. */
export async function checkKnownPatients(
	trx: Kysely<DB>,
	kind: 'infusions' | 'assessments',
	file: string,
	errors: ErrorCollector
): Promise<void> {
	const table = sql.raw(STAGE_TABLE[kind]);
	const unknown = sql`from ${table} s
		where not exists (select 1 from import_patients p where p.patient_code = s.patient_code)
		and not exists (select 1 from patients p where p.patient_code = s.patient_code)
		and not exists (select 1 from import_rejected_codes r where r.patient_code = s.patient_code)`;
	const { rows } = await sql<Found & { code: string }>`
		select s.line, s.patient_code as code, count(*) over () as total ${unknown}
		order by s.line limit ${errors.room}`.execute(trx);
	let total = rows[0]?.total ?? 0;
	if (rows.length === 0 && errors.room === 0) {
		total = (await sql<{ n: number }>`select count(*) as n ${unknown}`.execute(trx)).rows[0].n;
	}
	errors.addCounted(
		rows.map((r) => ({
			file,
			line: r.line,
			column: 'patient_code',
			message: `patient ${r.code} is neither in this import's patients.csv nor already in the database`
		})),
		total
	);
}

/** The database's current values of each staged key, joined, for update detection. */
function existingRows(kind: FileKind) {
	switch (kind) {
		case 'patients':
			return sql`select p.patient_code, c.name as clinic, cl.code as clinician, p.primary_indication,
				p.age_band, p.sex, p.enrolled_on, p.discharged_on
				from patients p join clinics c on c.id = p.clinic_id
				left join clinicians cl on cl.id = p.clinician_id`;
		case 'infusions':
			return sql`select p.patient_code, i.administered_on, i.phase, i.dose_mg_per_kg
				from infusions i join patients p on p.id = i.patient_id`;
		case 'assessments':
			return sql`select p.patient_code, a.instrument, a.administered_on, a.total, a.items
				from assessments a join patients p on p.id = a.patient_id`;
	}
}

/** With --no-update, a row whose key exists with other values is an error naming the columns. */
export async function checkNoUpdates(
	trx: Kysely<DB>,
	kind: FileKind,
	file: string,
	errors: ErrorCollector
): Promise<void> {
	const rule = RULES[kind];
	const differing = sql.raw(
		rule.values.map((v) => `case when f.${v} is distinct from s.${v} then '${v}' end`).join(', ')
	);
	const changed = sql`from ${sql.raw(STAGE_TABLE[kind])} s join (${existingRows(kind)}) f
		on ${keyJoin(kind)}
		where (${list('f', rule.values)}) is distinct from (${list('s', rule.values)})`;
	const { rows } = await sql<Found & { columns: string[] }>`
		select s.line, ${sql.raw(rule.describe)} as message,
			array_remove(array[${differing}], null) as columns, count(*) over () as total
		${changed} order by s.line limit ${errors.room}`.execute(trx);
	let total = rows[0]?.total ?? 0;
	if (rows.length === 0 && errors.room === 0) {
		total = (await sql<{ n: number }>`select count(*) as n ${changed}`.execute(trx)).rows[0].n;
	}
	errors.addCounted(
		rows.map((r) => ({
			file,
			line: r.line,
			column: r.columns.join(', '),
			message: `${r.message} already exists with a different value here; updates are switched off for this import (--no-update)`
		})),
		total
	);
}
