import type { ReliableChange } from '../../instruments';
import type { Indication, Phase } from '../db/schema';

// The patient JSON of issue 5. Values that cannot be computed are null, never omitted.

export interface Assessment {
	date: string;
	instrument: string;
	total: number;
	items: number[] | null;
	course_index: number;
	attached_phase: string | null;
	attached_ordinal: number | null;
}

export interface InstrumentCourse {
	assessments: {
		date: string;
		total: number;
		items: number[] | null;
		band: string | null;
		attached_phase: Phase | null;
		attached_ordinal: number | null;
	}[];
	baseline: number | null;
	post: number | null;
	change: number | null;
	pct_change: number | null;
	response: boolean | null;
	remission: boolean | null;
	mcid: boolean | null;
	reliable_change: ReliableChange | null;
}

export interface CourseRow {
	index: number;
	induction_complete: boolean;
	infusions: { date: string; phase: Phase; ordinal: number }[];
	instruments: Record<string, InstrumentCourse>;
	gaps: { index: number; days: number }[];
	/** Least-squares days per booster over the course's gaps; null with fewer than 3 gaps. */
	gap_trend: number | null;
}

export interface SafetyFlag {
	date: string;
	kind: string;
	value: number;
	level: 'flag' | 'escalate';
}

export interface PatientDetail {
	code: string;
	clinic: string;
	indication: Indication;
	as_of: string | null;
	courses: CourseRow[];
	flags: SafetyFlag[];
}
