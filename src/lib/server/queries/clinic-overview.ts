import { sql, type Kysely } from 'kysely';
import { visibleCount } from '$lib/metrics';
import type { AggregateScope } from '../auth/scope';
import type { DB } from '../db/schema';

// The start page's table: per clinic, how much data there is and over which dates.
// Counts of 1..min-1 are hidden like every other aggregate (shared/domain.md section 5).

export interface ClinicOverviewRow {
	clinic: string;
	patients: number | null;
	infusions: number | null;
	assessments: number | null;
	first_date: string | null;
	last_date: string | null;
}

export interface ClinicOverview {
	clinics: ClinicOverviewRow[];
	totals: Omit<ClinicOverviewRow, 'clinic'>;
	suppressed: string[];
}

interface RawRow {
	clinic: string;
	patients: number;
	infusions: number;
	assessments: number;
	first_date: string | null;
	last_date: string | null;
}

export async function getClinicOverview(
	db: Kysely<DB>,
	scope: AggregateScope
): Promise<ClinicOverview> {
	const clinicFilter = scope.clinicIds ? sql`where c.id = any(${[...scope.clinicIds]})` : sql``;
	// Patients from the patients table (some have no data yet); the rest from one row per patient
	// with data in derived_patient_dates, instead of counting every infusion and assessment.
	const { rows } = await sql<RawRow>`
		with p as (
			select clinic_id, count(*) as patients from patients group by clinic_id
		), d as (
			select clinic_id, sum(infusions) as infusions, sum(assessments) as assessments,
				min(first_on) as first_date, max(last_on) as last_date
			from derived_patient_dates group by clinic_id
		)
		select c.name as clinic,
			coalesce(p.patients, 0) as patients,
			coalesce(d.infusions, 0) as infusions,
			coalesce(d.assessments, 0) as assessments,
			d.first_date, d.last_date
		from clinics c
		left join p on p.clinic_id = c.id
		left join d on d.clinic_id = c.id
		${clinicFilter}
		order by c.name`.execute(db);

	const suppressed = new Set<string>();
	const hide = (field: string, value: number) => {
		const shown = visibleCount(value, scope.smallCellMin);
		if (shown === null) suppressed.add(field);
		return shown;
	};
	const sum = (key: 'patients' | 'infusions' | 'assessments') =>
		rows.reduce((total, row) => total + row[key], 0);
	const dates = (key: 'first_date' | 'last_date') =>
		rows
			.map((r) => r[key])
			.filter((d): d is string => d !== null)
			.sort();
	const firstDates = dates('first_date');
	const lastDates = dates('last_date');

	return {
		clinics: rows.map((row) => ({
			clinic: row.clinic,
			patients: hide('patients', row.patients),
			infusions: hide('infusions', row.infusions),
			assessments: hide('assessments', row.assessments),
			// A small clinic's dates could single a patient out; show them only with its counts.
			first_date: row.patients >= scope.smallCellMin ? row.first_date : null,
			last_date: row.patients >= scope.smallCellMin ? row.last_date : null
		})),
		totals: {
			patients: hide('patients', sum('patients')),
			infusions: hide('infusions', sum('infusions')),
			assessments: hide('assessments', sum('assessments')),
			first_date: firstDates[0] ?? null,
			last_date: lastDates.at(-1) ?? null
		},
		suppressed: [...suppressed]
	};
}
