import { looksLikeDirectIdentifier } from './identifiers';
import type { FileKind } from './types';

// The three files' columns (docs/import-format.md). Columns may come in any order; optional
// columns may be absent altogether.

interface FileSpec {
	required: readonly string[];
	optional: readonly string[];
}

export const FILE_SPECS: Record<FileKind, FileSpec> = {
	patients: {
		required: [
			'patient_code',
			'clinic',
			'clinician',
			'primary_indication',
			'age_band',
			'sex',
			'enrolled_on'
		],
		optional: ['discharged_on']
	},
	infusions: {
		required: ['patient_code', 'administered_on', 'phase'],
		optional: ['dose_mg_per_kg']
	},
	assessments: {
		required: ['patient_code', 'instrument', 'administered_on', 'total'],
		optional: ['items']
	}
};

export function fileKindOf(name: string): FileKind | null {
	const base = name.split(/[\\/]/).pop()?.toLowerCase() ?? '';
	const kind = base.replace(/\.csv$/, '');
	return base.endsWith('.csv') && kind in FILE_SPECS ? (kind as FileKind) : null;
}

export interface HeaderProblem {
	column: string;
	message: string;
}

/** Column name -> index in the row, for the known columns present. */
export type ColumnIndex = Map<string, number>;

/**
 * Checks a header row. Identifier columns refuse the file; unknown columns are problems unless
 * ignored; missing required columns and repeated columns are always problems.
 */
export function analyseHeader(
	kind: FileKind,
	header: string[],
	ignoreUnknownColumns: boolean
): { index: ColumnIndex; problems: HeaderProblem[] } {
	const spec = FILE_SPECS[kind];
	const known = new Set([...spec.required, ...spec.optional]);
	const index: ColumnIndex = new Map();
	const problems: HeaderProblem[] = [];
	header.forEach((raw, position) => {
		const column = raw.trim().toLowerCase();
		if (looksLikeDirectIdentifier(raw)) {
			problems.push({
				column: raw,
				message:
					'this column looks like a direct identifier (name, record number, birth date, contact ' +
					'details or address). The dashboard must never hold such data, so the whole file is ' +
					'refused: remove the column and export the file again.'
			});
		} else if (!known.has(column)) {
			if (!ignoreUnknownColumns) {
				problems.push({
					column: raw,
					message: `unknown column; ${kind}.csv has the columns ${[...known].join(', ')} (use --ignore-unknown-columns to skip others)`
				});
			}
		} else if (index.has(column)) {
			problems.push({ column: raw, message: 'this column appears twice in the header' });
		} else {
			index.set(column, position);
		}
	});
	for (const column of spec.required) {
		if (!index.has(column)) {
			problems.push({ column, message: 'this required column is missing from the header' });
		}
	}
	return { index, problems };
}
