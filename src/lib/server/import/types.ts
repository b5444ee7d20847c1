// The import's public shapes. Other parts of the app (CLI, web page, demo seed, metrics) call
// importFiles/importFolder with these and read the report back.

export type FileKind = 'patients' | 'infusions' | 'assessments';

/** Files are always processed in this order: patients must exist before their rows. */
export const FILE_KINDS: readonly FileKind[] = ['patients', 'infusions', 'assessments'];

export interface ImportSource {
	/** The file name; it decides the kind (patients.csv, infusions.csv, assessments.csv). */
	name: string;
	size: number;
	open(): NodeJS.ReadableStream | AsyncIterable<Uint8Array>;
}

export interface ImportOptions {
	/** Validate and count, write nothing (the import is still recorded as a dry run). */
	dryRun: boolean;
	/** A row whose natural key exists with different values is an error instead of an update. */
	noUpdate: boolean;
	ignoreUnknownColumns: boolean;
	/** Who or what ran the import, as shown in the import list and audit log. */
	actor: string;
	userId: number | null;
	source: 'cli' | 'web' | 'demo';
	/** Errors kept in the report (the total is always counted); default 100. */
	maxErrors?: number;
	/** 'YYYY-MM-DD'; dates after it are refused. Defaults to the server's local date. */
	today?: string;
}

export interface ImportError {
	file: string;
	/** 1-based line in the file (the line where the row ends); 0 for a file-level problem. */
	line: number;
	/** The column concerned, or '' when the problem is the whole row or file. */
	column: string;
	message: string;
}

export interface FileCounts {
	new: number;
	updated: number;
	unchanged: number;
	/** Rows repeated with identical values in the same file, counted once. */
	duplicates: number;
}

export interface FileReport {
	name: string;
	kind: FileKind;
	size: number;
	sha256: string;
	rows: number;
	counts: FileCounts;
}

export type ImportStatus = 'committed' | 'dry_run' | 'rejected' | 'unchanged';

export interface ImportReport {
	/** The row id in the imports table. */
	importId: number;
	status: ImportStatus;
	files: FileReport[];
	/** The first errors (up to maxErrors), in file then line order. */
	errors: ImportError[];
	errorCount: number;
	/** Ids of patients with a new or changed row (empty for a dry run or a rejected import). */
	touchedPatientIds: number[];
	/** Milliseconds spent reading and staging, checking, merging and refreshing derived data. */
	timings: { stage: number; check: number; merge: number; refresh: number };
}

/** A problem with how the import was called (no such folder, unknown file name): not data. */
export class ImportUsageError extends Error {}

/** The database failed while writing: everything was rolled back and recorded as rejected. */
export class ImportFailedError extends Error {
	constructor(
		message: string,
		readonly importId: number,
		options?: { cause?: unknown }
	) {
		super(message, options);
	}
}

export const formatImportError = (e: ImportError): string =>
	`${e.file}:${e.line}: ${e.column ? `${e.column}: ` : ''}${e.message}`;
