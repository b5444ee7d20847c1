import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

// PGlite's data folder must never be opened by two processes at once (that corrupts it).
// Whoever opens it writes its pid to a lock file; others refuse while that process lives.

export class DataFolderBusyError extends Error {}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (e) {
		return (e as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** Takes the folder's lock, or throws DataFolderBusyError naming the process that holds it. */
export function acquireDataLock(dataDir: string, owner: string): () => void {
	const folder = resolve(dataDir);
	mkdirSync(folder, { recursive: true });
	const file = join(folder, 'infusion-outcomes.lock');
	for (let attempt = 0; attempt < 2; attempt++) {
		try {
			writeFileSync(file, JSON.stringify({ pid: process.pid, owner }), { flag: 'wx' });
			let released = false;
			return () => {
				if (released) return;
				released = true;
				rmSync(file, { force: true });
			};
		} catch (e) {
			if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
			let holder: { pid?: number; owner?: string } = {};
			try {
				holder = JSON.parse(readFileSync(file, 'utf8'));
			} catch {
				// An unreadable lock is a half-written one from a crash: treat it as stale.
			}
			if (holder.pid && holder.pid !== process.pid && isAlive(holder.pid)) {
				throw new DataFolderBusyError(
					`The embedded database in ${folder} is in use by ${holder.owner ?? 'another process'} ` +
						`(pid ${holder.pid}). PGlite allows one process at a time: stop it first, ` +
						`or point DATABASE_URL at PostgreSQL to share the data.`
				);
			}
			rmSync(file, { force: true }); // stale: its process is gone
		}
	}
	throw new DataFolderBusyError(`Could not lock ${folder}`);
}
