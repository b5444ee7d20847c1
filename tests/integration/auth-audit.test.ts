import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db';
import {
	AUDIT_PAGE_SIZE,
	parseAuditFilter,
	searchAudit,
	type AuditFilter
} from '../../src/lib/server/auth/audit-search';
import { writeAudit } from '../../src/lib/server/auth/audit';
import { createTestDatabase, testDatabaseKind } from './support/test-database';

let database: Database;

// 60 patient views by "clin_a" on 2026-01-10 (one per minute from 08:00 UTC), plus a few
// entries on the days around it.
beforeAll(async () => {
	database = await createTestDatabase();
	const rows = Array.from({ length: 60 }, (_, i) => ({
		at: new Date(Date.UTC(2026, 0, 10, 8, i)),
		actor: 'clin_a',
		action: 'patient_view',
		patient_code: i % 2 === 0 ? 'P-EVEN' : 'P-ODD',
		detail: '{}'
	}));
	rows.push(
		{
			at: new Date('2026-01-09T23:59:59Z'),
			actor: 'lead',
			action: 'sign_in',
			patient_code: null as never,
			detail: '{}'
		},
		{
			at: new Date('2026-01-11T00:00:00Z'),
			actor: 'Lead',
			action: 'sign_in',
			patient_code: null as never,
			detail: '{}'
		},
		{
			at: new Date('2026-01-10T23:59:59Z'),
			actor: 'ops_admin',
			action: 'user_change',
			patient_code: null as never,
			detail: '{"op":"create"}'
		}
	);
	await database.db.insertInto('audit_log').values(rows).execute();
});
afterAll(() => database?.close());

const filter = (query: string): AuditFilter => {
	const parsed = parseAuditFilter(new URLSearchParams(query));
	if (!parsed.success) throw new Error(`bad filter ${query}`);
	return parsed.data;
};

describe(`audit log search on ${testDatabaseKind()}`, () => {
	it('pages newest first', async () => {
		const first = await searchAudit(database.db, filter('action=patient_view'));
		expect(first).toMatchObject({ total: 60, page: 1, pageCount: 2 });
		expect(first.rows).toHaveLength(AUDIT_PAGE_SIZE);
		expect(first.rows[0].at).toEqual(new Date('2026-01-10T08:59:00Z'));
		const second = await searchAudit(database.db, filter('action=patient_view&page=2'));
		expect(second.rows.map((r) => r.at.toISOString())).toEqual(
			Array.from({ length: 10 }, (_, i) => new Date(Date.UTC(2026, 0, 10, 8, 9 - i)).toISOString())
		);
	});

	it('filters by patient code exactly and by actor as a case-insensitive part', async () => {
		expect((await searchAudit(database.db, filter('patient=P-ODD'))).total).toBe(30);
		expect((await searchAudit(database.db, filter('patient=P-OD'))).total).toBe(0);
		expect((await searchAudit(database.db, filter('actor=LEA'))).total).toBe(2);
		// LIKE wildcards typed by the admin are literal: "_" matches only an underscore.
		expect((await searchAudit(database.db, filter('actor=_'))).total).toBe(61);
	});

	it('takes whole UTC days with both ends included', async () => {
		const day = await searchAudit(database.db, filter('from=2026-01-10&to=2026-01-10'));
		expect(day.total).toBe(61);
		expect((await searchAudit(database.db, filter('to=2026-01-09'))).total).toBe(1);
		expect((await searchAudit(database.db, filter('from=2026-01-11'))).total).toBe(1);
	});

	it('refuses a malformed filter instead of guessing', () => {
		for (const query of [
			'from=10/01/2026',
			'action=delete_everything',
			'page=0',
			'to=2026-02-30x'
		]) {
			expect(parseAuditFilter(new URLSearchParams(query)).success, query).toBe(false);
		}
		expect(filter('actor=&page=')).toEqual({ page: 1 });
	});

	it('keeps the log append-only', async () => {
		await writeAudit(database.db, { actor: 'x', userId: null, action: 'import' });
		await expect(database.db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
		await expect(
			database.db.updateTable('audit_log').set({ actor: 'someone else' }).execute()
		).rejects.toThrow(/append-only/);
	});
});
