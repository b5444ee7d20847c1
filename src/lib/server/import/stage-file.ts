import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { analyseHeader, type ColumnIndex } from './columns';
import type { ErrorCollector } from './errors';
import { CsvFileError, readCsv, type FileDigest } from './read-csv';
import { validateAssessment, validateInfusion, validatePatient } from './rows';
import { Stager, stageRejectedCode } from './staging';
import type { FileKind, ImportSource } from './types';

// Reads one file row by row: checks the header, validates each row on its own, and stages the
// valid rows. Every problem goes to the error collector; nothing here decides to commit.

export interface StagedFile {
	rows: number;
	staged: number;
	digest: FileDigest;
	/** The file could not be used at all (unreadable, empty, or a refused header). */
	refused: boolean;
}

const VALIDATORS = {
	patients: validatePatient,
	infusions: validateInfusion,
	assessments: validateAssessment
} satisfies Record<FileKind, unknown>;

const REJECTED_CODES_BATCH = 5000;

export async function stageFile(
	trx: Kysely<DB>,
	source: ImportSource,
	kind: FileKind,
	errors: ErrorCollector,
	settings: { ignoreUnknownColumns: boolean; today: string }
): Promise<StagedFile> {
	const file = source.name.split(/[\\/]/).pop() ?? source.name;
	const result: StagedFile = {
		rows: 0,
		staged: 0,
		digest: { bytes: 0, sha256: '' },
		refused: false
	};
	const stager = new Stager(trx, kind);
	const validate = VALIDATORS[kind];
	let header: { index: ColumnIndex; width: number } | null = null;
	let rejectedCodes: string[] = [];

	/** One data row: validated, then staged or reported. */
	const takeRow = async (line: number, fields: string[], columns: ColumnIndex, width: number) => {
		result.rows++;
		if (fields.length !== width) {
			errors.add({
				file,
				line,
				column: '',
				message: `this row has ${fields.length} values but the header has ${width} columns (a missing or extra comma, or a row cut short)`
			});
			return;
		}
		const checked = validate(fields, columns, line, settings.today);
		if (checked.ok) {
			if (stager.add(checked.row)) await stager.flush();
			return;
		}
		for (const p of checked.problems) errors.add({ file, line, ...p });
		if (kind === 'patients' && checked.patientCode) {
			rejectedCodes.push(checked.patientCode);
			if (rejectedCodes.length >= REJECTED_CODES_BATCH) {
				await stageRejectedCode(trx, rejectedCodes);
				rejectedCodes = [];
			}
		}
	};

	try {
		for await (const batch of readCsv(source, result.digest)) {
			for (const { line, fields } of batch) {
				if (header) {
					await takeRow(line, fields, header.index, header.width);
					continue;
				}
				const { index, problems } = analyseHeader(kind, fields, settings.ignoreUnknownColumns);
				for (const p of problems) errors.add({ file, line, column: p.column, message: p.message });
				if (problems.length > 0) {
					result.refused = true;
					return result;
				}
				header = { index, width: fields.length };
			}
		}
	} catch (error) {
		if (!(error instanceof CsvFileError)) throw error;
		await stager.abandon();
		errors.add({ file, line: error.line, column: '', message: error.message });
		result.refused = true;
		return result;
	}
	if (!header) {
		errors.add({
			file,
			line: 0,
			column: '',
			message: 'the file is empty; it needs at least the header row naming the columns'
		});
		result.refused = true;
		return result;
	}
	await stager.finish();
	await stageRejectedCode(trx, rejectedCodes);
	result.staged = stager.staged;
	return result;
}
