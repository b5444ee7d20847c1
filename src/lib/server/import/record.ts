import type { Kysely } from 'kysely';
import { writeAudit } from '../auth/audit';
import type { DB } from '../db/schema';
import type { FileReport, ImportOptions, ImportStatus } from './types';

// Every import is recorded, a rejected or dry one too: who, when, which files (name, size,
// SHA-256), the counts, and the number of errors. The audit entry carries no patient code.

export interface ImportRecord {
	status: ImportStatus;
	files: FileReport[];
	errorCount: number;
	startedAt: Date;
}

export async function recordImport(
	db: Kysely<DB>,
	options: ImportOptions,
	record: ImportRecord
): Promise<number> {
	const files = record.files.map(({ name, kind, size, sha256, rows }) => ({
		name,
		kind,
		size,
		sha256,
		rows
	}));
	const counts = Object.fromEntries(record.files.map((f) => [f.kind, f.counts]));
	const { id } = await db
		.insertInto('imports')
		.values({
			started_at: record.startedAt,
			finished_at: new Date(),
			actor: options.actor,
			source: options.source,
			dry_run: options.dryRun,
			status: record.status,
			files: JSON.stringify(files),
			counts: JSON.stringify(counts),
			error_count: record.errorCount
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	await writeAudit(db, {
		actor: options.actor,
		userId: options.userId,
		action: 'import',
		detail: {
			importId: id,
			source: options.source,
			status: record.status,
			dryRun: options.dryRun,
			files,
			counts,
			errorCount: record.errorCount
		}
	});
	return id;
}
