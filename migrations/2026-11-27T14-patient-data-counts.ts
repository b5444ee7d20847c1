import { sql, type Kysely } from 'kysely';

// Frozen in time. The start page's clinic overview counted every infusion and assessment of the
// network per request (530 ms at 100k patients, issue 8). derived_patient_dates now also holds
// each patient's first date and numbers of infusions and assessments, so the overview sums one
// row per patient. Filled from the raw tables.

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.alterTable('derived_patient_dates')
		.addColumn('first_on', 'date')
		.addColumn('infusions', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('assessments', 'integer', (c) => c.notNull().defaultTo(0))
		.execute();
	await sql`
		update derived_patient_dates d set
			first_on = least(i.first_on, a.first_on),
			infusions = coalesce(i.n, 0),
			assessments = coalesce(a.n, 0)
		from derived_patient_dates x
		left join (select patient_id, min(administered_on) as first_on, count(*) as n
			from infusions group by patient_id) i on i.patient_id = x.patient_id
		left join (select patient_id, min(administered_on) as first_on, count(*) as n
			from assessments group by patient_id) a on a.patient_id = x.patient_id
		where d.patient_id = x.patient_id`.execute(db);
	await sql`alter table derived_patient_dates alter column first_on set not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema
		.alterTable('derived_patient_dates')
		.dropColumn('first_on')
		.dropColumn('infusions')
		.dropColumn('assessments')
		.execute();
}
