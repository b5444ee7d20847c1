import { addDays, formatISO, parseISO } from 'date-fns';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../db/schema';
import type { AuditAction } from './audit';

// Searching the audit log for the admin page: newest first, a page at a time.

export const AUDIT_ACTIONS: readonly AuditAction[] = [
	'sign_in',
	'sign_in_failed',
	'sign_out',
	'patient_view',
	'patient_api_read',
	'patient_export',
	'import',
	'user_change',
	'token_change'
];

export const AUDIT_PAGE_SIZE = 50;

const isoDate = z
	.string()
	.regex(/^\d{4}-\d{2}-\d{2}$/)
	.refine((s) => !Number.isNaN(parseISO(s).getTime()), 'not a date');
const optionalText = z
	.string()
	.trim()
	.max(100)
	.transform((s) => s || undefined)
	.optional();

export const auditFilterSchema = z.object({
	actor: optionalText,
	action: z.enum(AUDIT_ACTIONS as [AuditAction, ...AuditAction[]]).optional(),
	patient: optionalText,
	from: isoDate.optional(),
	to: isoDate.optional(),
	page: z.coerce.number().int().min(1).max(100_000).default(1)
});

export type AuditFilter = z.infer<typeof auditFilterSchema>;

/** Reads the filter from a URL's query; empty fields are absent, a bad field is an error. */
export function parseAuditFilter(params: URLSearchParams) {
	const present = Object.fromEntries([...params].filter(([, v]) => v.trim() !== ''));
	return auditFilterSchema.safeParse(present);
}

export interface AuditRow {
	id: number;
	at: Date;
	actor: string;
	action: string;
	patientCode: string | null;
	detail: Record<string, unknown>;
}

export interface AuditPage {
	rows: AuditRow[];
	total: number;
	page: number;
	pageCount: number;
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Dates are whole UTC days, both ends included: "to 2026-03-01" means up to the end of that
 * day, not its first instant.
 */
export async function searchAudit(db: Kysely<DB>, filter: AuditFilter): Promise<AuditPage> {
	const base = db
		.selectFrom('audit_log')
		.$if(!!filter.actor, (qb) => qb.where('actor', 'ilike', `%${escapeLike(filter.actor!)}%`))
		.$if(!!filter.action, (qb) => qb.where('action', '=', filter.action!))
		.$if(!!filter.patient, (qb) => qb.where('patient_code', '=', filter.patient!))
		.$if(!!filter.from, (qb) => qb.where('at', '>=', new Date(`${filter.from}T00:00:00Z`)))
		.$if(!!filter.to, (qb) => qb.where('at', '<', new Date(`${nextDay(filter.to!)}T00:00:00Z`)));
	const [{ total }, rows] = await Promise.all([
		base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
		base
			.select(['id', 'at', 'actor', 'action', 'patient_code as patientCode', 'detail'])
			.orderBy('at', 'desc')
			.orderBy('id', 'desc')
			.limit(AUDIT_PAGE_SIZE)
			.offset((filter.page - 1) * AUDIT_PAGE_SIZE)
			.execute()
	]);
	return {
		rows,
		total,
		page: filter.page,
		pageCount: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE))
	};
}

const nextDay = (date: string) => formatISO(addDays(parseISO(date), 1), { representation: 'date' });
