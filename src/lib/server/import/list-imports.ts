import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { FileCounts, FileKind } from './types';

// Past imports for the admin page, newest first.

export interface ImportListRow {
	id: number;
	startedAt: Date;
	actor: string;
	source: 'cli' | 'web' | 'demo';
	status: 'committed' | 'dry_run' | 'rejected' | 'unchanged';
	files: { name: string; size: number; sha256: string; rows: number }[];
	counts: Partial<Record<FileKind, FileCounts>>;
	errorCount: number;
}

export async function listImports(db: Kysely<DB>, limit = 50): Promise<ImportListRow[]> {
	const rows = await db
		.selectFrom('imports')
		.select(['id', 'started_at', 'actor', 'source', 'status', 'files', 'counts', 'error_count'])
		.orderBy('id', 'desc')
		.limit(limit)
		.execute();
	return rows.map((r) => ({
		id: r.id,
		startedAt: r.started_at,
		actor: r.actor,
		source: r.source,
		status: r.status,
		files: r.files as ImportListRow['files'],
		counts: r.counts as ImportListRow['counts'],
		errorCount: r.error_count
	}));
}
