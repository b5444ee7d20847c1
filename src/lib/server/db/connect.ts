import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PGliteDialect } from './pglite-dialect';
import type { DB } from './schema';
import { OID, parseDate, parseNumber } from './type-parsers';

export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
	db: Kysely<DB>;
	kind: DatabaseKind;
	/** Where the data lives, for messages: a folder, or the server's host and database name. */
	location: string;
	close(): Promise<void>;
}

export type DatabaseTarget =
	{ kind: 'postgres'; url: string; poolSize?: number } | { kind: 'pglite'; dataDir?: string };

const parseArray = (parse: (t: string | null) => unknown) => (text: string | null) =>
	text === null
		? null
		: text
				.replace(/^\{|\}$/g, '')
				.split(',')
				.filter(Boolean)
				.map(parse);

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
	return target.kind === 'postgres'
		? openPostgres(target.url, target.poolSize)
		: openPGlite(target.dataDir);
}

function openPostgres(url: string, poolSize = 10): Database {
	// Parsers on this pool only (not pg's global registry), so nothing else in the process changes.
	const types = {
		getTypeParser(oid: number, format?: 'text' | 'binary') {
			switch (oid) {
				case OID.INT8:
				case OID.NUMERIC:
					return parseNumber;
				case OID.DATE:
					return parseDate;
				case OID.INT8_ARRAY:
				case OID.NUMERIC_ARRAY:
					return parseArray(parseNumber);
				case OID.DATE_ARRAY:
					return parseArray(parseDate);
				default:
					return pg.types.getTypeParser(oid, format);
			}
		}
	};
	const pool = new pg.Pool({
		connectionString: url,
		max: poolSize,
		types: types as pg.CustomTypesConfig,
		// Dates are calendar dates and timestamps are compared in UTC whatever the host's zone.
		// JIT off: the aggregates' correlated as-of look-ups inflate plan costs past the JIT
		// thresholds, and compiling them took 7.5 of 7.9 s at 100k patients (issue 8,
		// docs/performance.md); the queries themselves run in milliseconds without it.
		options: '-c TimeZone=UTC -c jit=off'
	});
	// An idle connection the server ends (a restart, an administrator, a dropped test database)
	// is an 'error' event on the pool; unheard, it would crash the process. The pool replaces it.
	pool.on('error', (error) => console.error(`database: idle connection closed: ${error.message}`));
	const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
	const parsed = new URL(url);
	return {
		db,
		kind: 'postgres',
		location: `${parsed.hostname}${parsed.pathname}`,
		close: () => db.destroy()
	};
}

async function openPGlite(dataDir?: string): Promise<Database> {
	const pglite = new PGlite({
		dataDir,
		parsers: {
			[OID.INT8]: parseNumber,
			[OID.NUMERIC]: parseNumber,
			[OID.DATE]: parseDate
		}
	});
	await pglite.waitReady;
	await pglite.exec(`set TimeZone = 'UTC'`);
	const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
	return {
		db,
		kind: 'pglite',
		location: dataDir ?? 'memory',
		close: () => db.destroy()
	};
}
