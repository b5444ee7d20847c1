import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	createTestDatabase,
	testDatabaseKind
} from '../../../../tests/integration/support/test-database';
import type { Database } from '../db';
import { arrayLiteral } from './staging';

// The staged batches travel as array literals written by arrayLiteral: the database must read
// back exactly the values that went in, whatever a clinic name holds.

let database: Database;
beforeAll(async () => {
	database = await createTestDatabase();
});
afterAll(() => database?.close());

describe(`array literals of staged columns on ${testDatabaseKind()}`, () => {
	it('writes texts quoted and escaped, numbers plain and null as NULL', () => {
		expect(arrayLiteral(['a b', 'say "hi"', 'C:\\dir', null, 0.75, 12])).toBe(
			'{"a b","say \\"hi\\"","C:\\\\dir",NULL,0.75,12}'
		);
		expect(arrayLiteral([])).toBe('{}');
	});

	it('reads back every text unchanged, including NULL, empty and array syntax', async () => {
		const texts = [
			'Clinic "North", Suite {2}',
			'back\\slash',
			'NULL',
			'',
			' padded ',
			'{1,2,3}',
			'Zürich – Ost',
			null
		];
		const { rows } = await sql<{ value: string | null; position: number }>`
			select value, position::int from unnest(${arrayLiteral(texts)}::text[])
				with ordinality as u(value, position)
			order by position`.execute(database.db);
		expect(rows.map((r) => r.value)).toEqual(texts);
	});

	it('reads back numbers, dates and item arrays as the staging casts them', async () => {
		const { rows } = await sql<{ dose: string | null; on: string; items: number[] | null }>`
			select d::text as dose, o::text as on, i::smallint[] as items
			from unnest(${arrayLiteral([0.75, null])}::numeric[],
				${arrayLiteral(['2024-02-29', '2025-01-01'])}::date[],
				${arrayLiteral(['{1,2,3}', null])}::text[]) as u(d, o, i)`.execute(database.db);
		expect(rows).toEqual([
			{ dose: '0.75', on: '2024-02-29', items: [1, 2, 3] },
			{ dose: null, on: '2025-01-01', items: null }
		]);
	});
});
