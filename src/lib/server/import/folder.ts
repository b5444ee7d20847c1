import type { Kysely } from 'kysely';
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { DB } from '../db/schema';
import { fileKindOf } from './columns';
import { importFiles } from './import-files';
import {
	ImportUsageError,
	type ImportOptions,
	type ImportReport,
	type ImportSource
} from './types';

// Files on disk as import sources: a folder (its patients.csv, infusions.csv, assessments.csv)
// or a list of files and folders. Used by the CLI, the demo seed and the web upload's temp
// folder, so they all take the same path.

function fileSource(path: string, size: number): ImportSource {
	return { name: basename(path), size, open: () => createReadStream(path) };
}

export async function sourcesFromPaths(paths: string[]): Promise<ImportSource[]> {
	const sources: ImportSource[] = [];
	for (const path of paths) {
		const info = await stat(path).catch(() => null);
		if (!info) throw new ImportUsageError(`${path}: no such file or folder`);
		if (info.isFile()) {
			sources.push(fileSource(path, info.size));
			continue;
		}
		const names = (await readdir(path)).filter((name) => fileKindOf(name) !== null).sort();
		if (names.length === 0) {
			throw new ImportUsageError(
				`${path}: the folder holds none of patients.csv, infusions.csv, assessments.csv`
			);
		}
		for (const name of names) {
			const file = join(path, name);
			sources.push(fileSource(file, (await stat(file)).size));
		}
	}
	return sources;
}

export async function importFolder(
	db: Kysely<DB>,
	folderOrFiles: string | string[],
	options: ImportOptions
): Promise<ImportReport> {
	const paths = typeof folderOrFiles === 'string' ? [folderOrFiles] : folderOrFiles;
	return importFiles(db, await sourcesFromPaths(paths), options);
}
