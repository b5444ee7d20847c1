import { format } from 'date-fns';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { isEmptyTable } from '../derived/bulk-fill';
import { refreshAfterImport } from './after-write';
import { fileKindOf } from './columns';
import { DEFAULT_MAX_ERRORS, ErrorCollector } from './errors';
import * as merge from './merge';
import { mergeRunner } from './merge-fast-path';
import { isUniqueViolation, mergeIntoEmpty } from './merge-first-load';
import { recordImport } from './record';
import { checkDuplicates, checkKnownPatients, checkNoUpdates } from './set-rules';
import { stageFile } from './stage-file';
import { createStagingTables } from './staging';
import {
	FILE_KINDS,
	ImportFailedError,
	ImportUsageError,
	type FileKind,
	type FileReport,
	type ImportOptions,
	type ImportReport,
	type ImportSource,
	type ImportStatus
} from './types';

// One import = one transaction: stage every file, check the set-level rules, merge, refresh
// derived data, record. Any error rolls everything back (nothing is written), and the import
// is then recorded on its own, outside the rolled-back transaction.

/** Ends the transaction without committing (rejected or dry run), carrying the outcome out. */
class Rollback extends Error {
	constructor(readonly status: ImportStatus) {
		super(status);
	}
}

// One import at a time: two concurrent merges of the same patients would race.
const IMPORT_LOCK = 20261127;

function planFiles(files: ImportSource[]): { kind: FileKind; source: ImportSource }[] {
	if (files.length === 0) throw new ImportUsageError('No files to import.');
	const plan = files.map((source) => {
		const kind = fileKindOf(source.name);
		if (!kind) {
			throw new ImportUsageError(
				`${source.name}: the file name must be patients.csv, infusions.csv or assessments.csv`
			);
		}
		return { kind, source };
	});
	for (const kind of FILE_KINDS) {
		if (plan.filter((p) => p.kind === kind).length > 1) {
			throw new ImportUsageError(`More than one ${kind}.csv was given; import them one at a time.`);
		}
	}
	return plan.sort((a, b) => FILE_KINDS.indexOf(a.kind) - FILE_KINDS.indexOf(b.kind));
}

const MERGES: Record<FileKind, (trx: Kysely<DB>) => Promise<merge.MergeCounts>> = {
	patients: merge.mergePatients,
	infusions: merge.mergeInfusions,
	assessments: merge.mergeAssessments
};

// PostgreSQL refuses an INSERT ... ON CONFLICT DO UPDATE that meets the same key twice
// (cardinality_violation): that is how a file's repeated keys show up.
const repeatsAKey = (error: unknown) =>
	(error as { code?: string }).code === '21000' ||
	/cannot affect row a second time/.test(String((error as Error).message));

/**
 * Merges one file's staged rows (into an empty child table by the first-load path). Should the
 * file repeat a key, the merge is undone to a savepoint, identical repeats are removed
 * (conflicting ones become errors) and it runs again.
 */
async function mergeFile(trx: Kysely<DB>, kind: FileKind, file: string, errors: ErrorCollector) {
	const intoEmpty = kind !== 'patients' && (await isEmptyTable(trx, kind));
	await sql`savepoint import_merge`.execute(trx);
	try {
		const counts = intoEmpty ? await mergeIntoEmpty(trx, kind) : await MERGES[kind](trx);
		await sql`release savepoint import_merge`.execute(trx);
		return { counts, duplicates: 0 };
	} catch (error) {
		if (!repeatsAKey(error) && !(intoEmpty && isUniqueViolation(error))) throw error;
		await sql`rollback to savepoint import_merge`.execute(trx);
	}
	const duplicates = await checkDuplicates(trx, kind, file, errors);
	if (errors.any) return { counts: { new: 0, updated: 0 }, duplicates };
	return { counts: await MERGES[kind](trx), duplicates };
}

export async function importFiles(
	db: Kysely<DB>,
	files: ImportSource[],
	options: ImportOptions
): Promise<ImportReport> {
	const startedAt = new Date();
	const plan = planFiles(files);
	const today = options.today ?? format(new Date(), 'yyyy-MM-dd');
	const errors = new ErrorCollector(options.maxErrors ?? DEFAULT_MAX_ERRORS);
	const reports: FileReport[] = plan.map(({ kind, source }) => ({
		name: source.name.split(/[\\/]/).pop() ?? source.name,
		kind,
		size: source.size,
		sha256: '',
		rows: 0,
		counts: { new: 0, updated: 0, unchanged: 0, duplicates: 0 }
	}));
	const order = reports.map((r) => r.name);
	const timings = { stage: 0, check: 0, merge: 0, refresh: 0 };
	let phaseStart = performance.now();
	const endPhase = (phase: keyof typeof timings) => {
		const now = performance.now();
		timings[phase] = Math.round(now - phaseStart);
		phaseStart = now;
	};
	const finish = (importId: number, status: ImportStatus, touched: number[]): ImportReport => ({
		importId,
		status,
		files: reports,
		errors: errors.sorted(order),
		errorCount: errors.total,
		touchedPatientIds: touched,
		timings
	});

	try {
		return await db.transaction().execute(async (trx) => {
			await sql`select pg_advisory_xact_lock(${IMPORT_LOCK})`.execute(trx);
			// Room for the hash joins of the set-level checks at 100k-patient scale.
			await sql`set local work_mem = '64MB'`.execute(trx);
			// The commit returns before its WAL reaches disk: a crash in the next moment can lose
			// this import (never half of it, never older data); its record goes with it.
			await sql`set local synchronous_commit = off`.execute(trx);
			await createStagingTables(trx);
			const staged = new Map<FileKind, number>();
			let refused = false;
			for (const [i, { kind, source }] of plan.entries()) {
				const result = await stageFile(trx, source, kind, errors, {
					ignoreUnknownColumns: options.ignoreUnknownColumns,
					today
				});
				Object.assign(reports[i], { size: result.digest.bytes, sha256: result.digest.sha256 });
				reports[i].rows = result.rows;
				staged.set(kind, result.staged);
				refused ||= result.refused;
			}
			endPhase('stage');
			// A refused file would make every dependent row look wrong: report it alone.
			if (!refused) {
				for (const [i, { kind }] of plan.entries()) {
					if (kind !== 'patients') await checkKnownPatients(trx, kind, reports[i].name, errors);
					if (options.noUpdate) await checkNoUpdates(trx, kind, reports[i].name, errors);
				}
				// Duplicates are looked for up front only when the import is refused anyway; a
				// clean import finds them through its merge (see mergeFile), which is much cheaper.
				if (errors.any) {
					for (const [i, { kind }] of plan.entries()) {
						await checkDuplicates(trx, kind, reports[i].name, errors);
					}
				}
			}
			if (errors.any) throw new Rollback('rejected');

			endPhase('check');
			if (staged.get('patients')) await merge.mergeClinics(trx);
			const runMerge = await mergeRunner(trx);
			for (const [i, { kind }] of plan.entries()) {
				const { counts, duplicates } = await runMerge(kind, () =>
					mergeFile(trx, kind, reports[i].name, errors)
				);
				if (errors.any) throw new Rollback('rejected');
				const distinctRows = (staged.get(kind) ?? 0) - duplicates;
				reports[i].counts = {
					...counts,
					unchanged: distinctRows - counts.new - counts.updated,
					duplicates
				};
			}
			if (options.dryRun) throw new Rollback('dry_run');

			const touched = await merge.touchedPatientIds(trx);
			endPhase('merge');
			await refreshAfterImport(trx, touched);
			endPhase('refresh');
			const status = touched.length > 0 ? 'committed' : 'unchanged';
			// Recorded inside the transaction: the record commits if and only if the data does.
			const importId = await recordImport(trx, options, {
				status,
				files: reports,
				errorCount: 0,
				startedAt
			});
			return finish(importId, status, touched);
		});
	} catch (error) {
		if (error instanceof Rollback) {
			const record = { status: error.status, files: reports, errorCount: errors.total, startedAt };
			return finish(await recordImport(db, options, record), error.status, []);
		}
		const importId = await recordImport(db, options, {
			status: 'rejected',
			files: reports,
			errorCount: errors.total + 1,
			startedAt
		}).catch(() => 0);
		throw new ImportFailedError(
			'The import failed while writing to the database. It was rolled back: nothing was saved.',
			importId,
			{ cause: error }
		);
	}
}
