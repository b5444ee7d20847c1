// The instrument registry's shape. Everything the app says about an instrument (ranges, bands,
// rules, sources) comes from these records, so the numbers and the methods text never drift.

export type InstrumentCode = 'phq9' | 'gad7' | 'pcl5' | 'madrs' | 'qids_sr16' | 'pain_nrs';

export interface SeverityBand {
	/** Inclusive bounds on the total. */
	min: number;
	max: number;
	label: string;
	/** A stable key for colours and CSS (minimal, mild, moderate, ...). */
	key: string;
}

/** Response: a relative reduction (>= fraction of baseline) or an absolute one (>= points). */
export type ResponseRule =
	{ kind: 'relative'; fraction: number } | { kind: 'absolute'; points: number };

/** Remission: total strictly below `below`, or at most `atMost`. */
export type RemissionRule = { kind: 'below'; value: number } | { kind: 'at_most'; value: number };

export interface ReliableChangeInputs {
	/** Population SD of the total used in the RCI denominator. */
	sd: number;
	/** Reliability coefficient (test-retest or internal consistency). */
	r: number;
	source: string;
}

/** How item scores make the total. */
export type ScoringRule =
	| { kind: 'sum' }
	/** QIDS-SR16: groups of item numbers (1-based); each group contributes its maximum. */
	| { kind: 'domains'; domains: number[][] };

export interface Instrument {
	code: InstrumentCode;
	name: string;
	fullName: string;
	clinicianRated: boolean;
	itemCount: number;
	itemMin: number;
	itemMax: number;
	totalMin: number;
	totalMax: number;
	scoring: ScoringRule;
	/** Whether a total with a missing item is invalid (no silent prorating). */
	missingItemInvalidates: boolean;
	bands: SeverityBand[];
	/** A note when the bands are not official (PCL-5). */
	bandsNote?: string;
	remission: RemissionRule | null;
	response: ResponseRule;
	mcid: { points: number; source: string } | null;
	reliableChange: ReliableChangeInputs | null;
	/** 1-based item number of the safety item, with flag and escalation thresholds. */
	safetyItem: {
		item: number;
		flagAt: number;
		escalateAt: number;
		loinc?: string;
		source: string;
	} | null;
	loincTotal: string | null;
	itemLoinc?: string[];
	/** Indications for which clinics typically give this instrument. */
	indications: string[];
	licence: string;
	sources: string[];
}
