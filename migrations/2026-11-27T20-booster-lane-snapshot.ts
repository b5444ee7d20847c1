import { sql, type Kysely } from 'kysely';

// Frozen in time. The /intervals lanes at 100k patients (issue 8): the page aggregated every
// booster of the clinician's clinics per request (about 560,000 rows for three clinics, 330-835
// ms). A lane's course, gaps and trend do not depend on the as-of date once it is on or after the
// latest data of the patient's clinic, so derived_booster_lanes holds them per course with a
// booster, kept per patient by the refresh. Filled here from the facts (a few seconds at 100k):
// the refresh maintains single patients, so a table left empty could not tell a clinic that was
// never filled from one without boosters; a full table is always complete. The figures' SQL
// repeats the query's (queries/booster-lanes.ts at the time), trend threshold 3 gaps.

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('derived_booster_lanes')
		.addColumn('patient_id', 'integer', (c) => c.notNull())
		.addColumn('course_index', 'smallint', (c) => c.notNull())
		// Codes never change (the import's key): copied so that sorting needs no join.
		.addColumn('patient_code', 'text', (c) => c.notNull())
		.addColumn('clinic_id', 'integer', (c) => c.notNull())
		.addColumn('clinician_id', 'integer')
		.addColumn('indication', 'text', (c) => c.notNull())
		.addColumn('age_band', 'text', (c) => c.notNull())
		.addColumn('course_start', 'date', (c) => c.notNull())
		// The patient's latest course with a booster.
		.addColumn('latest', 'boolean', (c) => c.notNull())
		.addColumn('aligned_on', 'date', (c) => c.notNull())
		// min(discharge, next course's start); the query takes the as-of date into account.
		.addColumn('follow_up_until', 'date')
		.addColumn('boosters', 'integer', (c) => c.notNull())
		.addColumn('median_gap', 'float8')
		.addColumn('latest_gap', 'integer')
		.addColumn('trend', 'float8')
		.addPrimaryKeyConstraint('derived_booster_lanes_pkey', ['patient_id', 'course_index'])
		.execute();
	await db.schema
		.createIndex('derived_booster_lanes_clinic_idx')
		.on('derived_booster_lanes')
		.columns(['clinic_id', 'indication'])
		.execute();
	await sql`
		insert into derived_booster_lanes (patient_id, course_index, patient_code, clinic_id,
			clinician_id, indication, age_band, course_start, latest, aligned_on, follow_up_until, boosters,
			median_gap, latest_gap, trend)
		with k as (
			select c.*, p.patient_code, coalesce(c.last_induction_on, c.course_start) as aligned_on
			from derived_courses c join patients p on p.id = c.patient_id
			where c.first_booster_on is not null
		)
		select k.patient_id, k.course_index, k.patient_code, k.clinic_id, k.clinician_id, k.indication, k.age_band,
			k.course_start,
			k.course_index = max(k.course_index) over (partition by k.patient_id),
			k.aligned_on, least(k.discharged_on, k.next_course_start),
			count(*)::int,
			percentile_cont(0.5) within group (order by f.administered_on - f.previous_on)
				filter (where f.previous_on >= k.aligned_on),
			(array_agg(f.administered_on - f.previous_on order by f.ordinal desc))[1],
			case when count(*) filter (where f.previous_on >= k.aligned_on) >= 3
				then regr_slope((f.administered_on - f.previous_on)::float8, f.ordinal::float8
					order by f.ordinal) filter (where f.previous_on >= k.aligned_on) end
		from k
		join derived_infusions f on f.patient_id = k.patient_id and f.course_index = k.course_index
		where f.phase = 'booster'
		group by k.patient_id, k.course_index, k.patient_code, k.clinic_id, k.clinician_id, k.indication, k.age_band,
			k.course_start, k.aligned_on, k.discharged_on, k.next_course_start`.execute(db);
	await sql`analyze derived_booster_lanes`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('derived_booster_lanes').execute();
}
