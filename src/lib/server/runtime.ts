import { config } from './config';
import { openAppDatabase, type Database } from './db';

// The server's one database, opened once in the init hook and closed on shutdown.
// (A module-level singleton on purpose: one pool per process, never one per request.)

let opened: Promise<Database> | undefined;

export function startDatabase(): Promise<Database> {
	opened ??= openAppDatabase(config(), `the dashboard server`);
	return opened;
}

export async function database(): Promise<Database> {
	if (!opened) throw new Error('The database was used before the server started it');
	return opened;
}

export async function stopDatabase(): Promise<void> {
	const pending = opened;
	opened = undefined;
	if (pending) await (await pending).close();
}
