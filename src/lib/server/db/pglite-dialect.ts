import type { PGlite } from '@electric-sql/pglite';
import {
	CompiledQuery,
	PostgresAdapter,
	PostgresIntrospector,
	PostgresQueryCompiler,
	type DatabaseConnection,
	type Dialect,
	type Driver,
	type Kysely,
	type QueryResult,
	type TransactionSettings
} from 'kysely';

// A small Kysely dialect over an in-process PGlite. PGlite is one connection, so a mutex hands
// it to one Kysely connection at a time: a transaction's statements never interleave with
// another request's.

class Mutex {
	#tail: Promise<void> = Promise.resolve();
	lock(): Promise<() => void> {
		let release!: () => void;
		const next = new Promise<void>((resolve) => (release = resolve));
		const ready = this.#tail.then(() => release);
		this.#tail = this.#tail.then(() => next);
		return ready;
	}
}

class PGliteConnection implements DatabaseConnection {
	constructor(private readonly pglite: PGlite) {}

	async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
		const result = await this.pglite.query<R>(query.sql, [...query.parameters], {
			rowMode: 'object'
		});
		const affected = result.affectedRows;
		return {
			rows: result.rows,
			numAffectedRows:
				result.fields.length === 0 && affected !== undefined ? BigInt(affected) : undefined
		};
	}

	// eslint-disable-next-line require-yield
	async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
		throw new Error('Streaming queries are not supported on PGlite');
	}
}

class PGliteDriver implements Driver {
	readonly #mutex = new Mutex();
	readonly #connection: PGliteConnection;
	#release: (() => void) | null = null;

	constructor(private readonly pglite: PGlite) {
		this.#connection = new PGliteConnection(pglite);
	}

	async init(): Promise<void> {
		await this.pglite.waitReady;
	}

	async acquireConnection(): Promise<DatabaseConnection> {
		this.#release = await this.#mutex.lock();
		return this.#connection;
	}

	async beginTransaction(conn: DatabaseConnection, settings: TransactionSettings): Promise<void> {
		const isolation = settings.isolationLevel ? ` isolation level ${settings.isolationLevel}` : '';
		await conn.executeQuery(CompiledQuery.raw(`begin${isolation}`));
	}

	async commitTransaction(conn: DatabaseConnection): Promise<void> {
		await conn.executeQuery(CompiledQuery.raw('commit'));
	}

	async rollbackTransaction(conn: DatabaseConnection): Promise<void> {
		await conn.executeQuery(CompiledQuery.raw('rollback'));
	}

	async releaseConnection(): Promise<void> {
		const release = this.#release;
		this.#release = null;
		release?.();
	}

	async destroy(): Promise<void> {
		if (!this.pglite.closed) await this.pglite.close();
	}
}

export class PGliteDialect implements Dialect {
	constructor(private readonly pglite: PGlite) {}
	createAdapter() {
		return new PostgresAdapter();
	}
	createDriver(): Driver {
		return new PGliteDriver(this.pglite);
	}
	createQueryCompiler() {
		return new PostgresQueryCompiler();
	}
	createIntrospector(db: Kysely<unknown>) {
		return new PostgresIntrospector(db);
	}
}
