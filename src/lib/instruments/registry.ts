import type { Instrument, InstrumentCode } from './types';

// Values from shared/domain.md section 2; sources are cited per field so that the methods page
// can show them. Reliable-change SDs are population choices: each names the sample it comes from.

const phq9: Instrument = {
	code: 'phq9',
	name: 'PHQ-9',
	fullName: 'Patient Health Questionnaire-9',
	clinicianRated: false,
	itemCount: 9,
	itemMin: 0,
	itemMax: 3,
	totalMin: 0,
	totalMax: 27,
	scoring: { kind: 'sum' },
	missingItemInvalidates: true,
	bands: [
		{ min: 0, max: 4, label: 'Minimal', key: 'minimal' },
		{ min: 5, max: 9, label: 'Mild', key: 'mild' },
		{ min: 10, max: 14, label: 'Moderate', key: 'moderate' },
		{ min: 15, max: 19, label: 'Moderately severe', key: 'moderately_severe' },
		{ min: 20, max: 27, label: 'Severe', key: 'severe' }
	],
	remission: { kind: 'below', value: 5 },
	response: { kind: 'relative', fraction: 0.5 },
	mcid: { points: 5, source: 'Löwe B et al. Med Care 2004;42:1194-1201' },
	reliableChange: {
		sd: 5.7,
		r: 0.84,
		source:
			"r = 0.84: test-retest, Kroenke 2001 (J Gen Intern Med 16:606). SD = 5.7: a population choice of this project (typical SD of PHQ-9 totals in treatment-seeking samples), to be replaced by a clinic's own baseline SD where known."
	},
	safetyItem: {
		item: 9,
		flagAt: 1,
		escalateAt: 2,
		loinc: '44260-8',
		source:
			'Simon GE et al. Psychiatr Serv 2013;64:1195-1202 (one-year suicide-attempt risk 0.4% at answer 0 to 4% at answer 3)'
	},
	loincTotal: '44261-6',
	itemLoinc: [
		'44250-9',
		'44255-8',
		'44259-0',
		'44254-1',
		'44251-7',
		'44258-2',
		'44252-5',
		'44253-3',
		'44260-8'
	],
	indications: ['depression', 'ptsd', 'anxiety', 'chronic_pain', 'other'],
	licence: 'No permission required to reproduce, translate, display or distribute.',
	sources: ['Kroenke K, Spitzer RL, Williams JB. J Gen Intern Med 2001;16:606-613']
};

const gad7: Instrument = {
	code: 'gad7',
	name: 'GAD-7',
	fullName: 'Generalized Anxiety Disorder-7',
	clinicianRated: false,
	itemCount: 7,
	itemMin: 0,
	itemMax: 3,
	totalMin: 0,
	totalMax: 21,
	scoring: { kind: 'sum' },
	missingItemInvalidates: true,
	bands: [
		{ min: 0, max: 4, label: 'Minimal', key: 'minimal' },
		{ min: 5, max: 9, label: 'Mild', key: 'mild' },
		{ min: 10, max: 14, label: 'Moderate', key: 'moderate' },
		{ min: 15, max: 21, label: 'Severe', key: 'severe' }
	],
	remission: { kind: 'below', value: 5 },
	response: { kind: 'relative', fraction: 0.5 },
	mcid: { points: 4, source: 'Toussaint A et al. J Affect Disord 2020;265:395-401' },
	reliableChange: {
		sd: 4.8,
		r: 0.83,
		source:
			'r = 0.83: test-retest, Spitzer 2006 (Arch Intern Med 166:1092). SD = 4.8: a population choice of this project (typical SD of GAD-7 totals in treatment-seeking samples).'
	},
	safetyItem: null,
	loincTotal: '70274-6',
	indications: ['anxiety', 'ptsd', 'depression'],
	licence: 'No permission required to reproduce, translate, display or distribute.',
	sources: ['Spitzer RL, Kroenke K, Williams JB, Löwe B. Arch Intern Med 2006;166:1092-1097']
};

const pcl5: Instrument = {
	code: 'pcl5',
	name: 'PCL-5',
	fullName: 'PTSD Checklist for DSM-5',
	clinicianRated: false,
	itemCount: 20,
	itemMin: 0,
	itemMax: 4,
	totalMin: 0,
	totalMax: 80,
	scoring: { kind: 'sum' },
	missingItemInvalidates: true,
	// No official severity bands: the only published threshold is probable PTSD at >= 33.
	bands: [
		{ min: 0, max: 32, label: 'Below PTSD threshold', key: 'mild' },
		{ min: 33, max: 80, label: 'Probable PTSD', key: 'severe' }
	],
	bandsNote:
		'PCL-5 has no official severity bands; the only published threshold is probable PTSD at a total of 33 or more (cut-off 31-33, Bovin 2016).',
	remission: { kind: 'at_most', value: 32 },
	response: { kind: 'absolute', points: 10 },
	mcid: { points: 10, source: 'National Center for PTSD, Using the PCL-5 (10-point change)' },
	reliableChange: {
		sd: 14.3,
		r: 0.82,
		source:
			'r = 0.82: test-retest, Blevins 2015 (J Trauma Stress 28:489). SD = 14.3: a population choice of this project (typical SD of PCL-5 totals in trauma-exposed samples).'
	},
	safetyItem: null,
	loincTotal: null,
	indications: ['ptsd'],
	licence: 'Public domain (US Department of Veterans Affairs, National Center for PTSD).',
	sources: [
		'Blevins CA et al. J Trauma Stress 2015;28:489-498',
		'Bovin MJ et al. Psychol Assess 2016;28:1379-1391'
	]
};

const madrs: Instrument = {
	code: 'madrs',
	name: 'MADRS',
	fullName: 'Montgomery-Åsberg Depression Rating Scale',
	clinicianRated: true,
	itemCount: 10,
	itemMin: 0,
	itemMax: 6,
	totalMin: 0,
	totalMax: 60,
	scoring: { kind: 'sum' },
	missingItemInvalidates: true,
	bands: [
		{ min: 0, max: 6, label: 'Absent', key: 'minimal' },
		{ min: 7, max: 19, label: 'Mild', key: 'mild' },
		{ min: 20, max: 34, label: 'Moderate', key: 'moderate' },
		{ min: 35, max: 60, label: 'Severe', key: 'severe' }
	],
	remission: { kind: 'at_most', value: 10 },
	response: { kind: 'relative', fraction: 0.5 },
	mcid: null,
	reliableChange: null,
	safetyItem: {
		item: 10,
		flagAt: 2,
		escalateAt: 4,
		source:
			"MADRS item 10 (suicidal thoughts, 0-6). Thresholds 2 (flag) and 4 (escalate) are this project's convention; only PHQ-9 item 9 thresholds are published."
	},
	loincTotal: null,
	indications: ['depression'],
	licence: 'Free to use for clinical purposes.',
	sources: [
		'Montgomery SA, Åsberg M. Br J Psychiatry 1979;134:382-389',
		'Snaith RP et al. Br J Psychiatry 1986;148:599-601 (severity bands)'
	]
};

const qidsSr16: Instrument = {
	code: 'qids_sr16',
	name: 'QIDS-SR16',
	fullName: 'Quick Inventory of Depressive Symptomatology (Self-Report, 16 items)',
	clinicianRated: false,
	itemCount: 16,
	itemMin: 0,
	itemMax: 3,
	totalMin: 0,
	totalMax: 27,
	// 9 DSM domains: sleep (max of 1-4), sad mood (5), appetite/weight (max of 6-9),
	// concentration (10), self-view (11), suicidal ideation (12), interest (13), energy (14),
	// psychomotor (max of 15-16). Never the sum of all 16 items.
	scoring: {
		kind: 'domains',
		domains: [[1, 2, 3, 4], [5], [6, 7, 8, 9], [10], [11], [12], [13], [14], [15, 16]]
	},
	missingItemInvalidates: true,
	bands: [
		{ min: 0, max: 5, label: 'None', key: 'minimal' },
		{ min: 6, max: 10, label: 'Mild', key: 'mild' },
		{ min: 11, max: 15, label: 'Moderate', key: 'moderate' },
		{ min: 16, max: 20, label: 'Severe', key: 'moderately_severe' },
		{ min: 21, max: 27, label: 'Very severe', key: 'severe' }
	],
	remission: { kind: 'at_most', value: 5 },
	response: { kind: 'relative', fraction: 0.5 },
	mcid: null,
	reliableChange: {
		sd: 4.9,
		r: 0.86,
		source:
			'r = 0.86: internal consistency (alpha), Rush 2003 (Biol Psychiatry 54:573). SD = 4.9: a population choice of this project (typical SD of QIDS-SR16 totals in depressed outpatients).'
	},
	safetyItem: {
		item: 12,
		flagAt: 1,
		escalateAt: 2,
		source:
			'QIDS-SR16 item 12 (thoughts of death or suicide). Thresholds 1 and 2 follow the PHQ-9 item 9 convention.'
	},
	loincTotal: null,
	indications: ['depression'],
	licence: 'Free to use for clinical purposes (IDS/QIDS, UT Southwestern).',
	sources: ['Rush AJ et al. Biol Psychiatry 2003;54:573-583']
};

const painNrs: Instrument = {
	code: 'pain_nrs',
	name: 'Pain NRS',
	fullName: 'Pain intensity numeric rating scale (0-10)',
	clinicianRated: false,
	itemCount: 1,
	itemMin: 0,
	itemMax: 10,
	totalMin: 0,
	totalMax: 10,
	scoring: { kind: 'sum' },
	missingItemInvalidates: true,
	bands: [
		{ min: 0, max: 0, label: 'No pain', key: 'minimal' },
		{ min: 1, max: 3, label: 'Mild', key: 'mild' },
		{ min: 4, max: 6, label: 'Moderate', key: 'moderate' },
		{ min: 7, max: 10, label: 'Severe', key: 'severe' }
	],
	bandsNote: 'Bands 1-3 mild, 4-6 moderate, 7-10 severe are a convention, not a validated cut-off.',
	remission: null,
	response: { kind: 'relative', fraction: 0.3 },
	mcid: { points: 2, source: 'Farrar JT et al. Pain 2001;94:149-158' },
	reliableChange: null,
	safetyItem: null,
	loincTotal: '72514-3',
	indications: ['chronic_pain'],
	licence: 'Public domain.',
	sources: ['Farrar JT et al. Pain 2001;94:149-158']
};

export const INSTRUMENTS: Record<InstrumentCode, Instrument> = {
	phq9,
	gad7,
	pcl5,
	madrs,
	qids_sr16: qidsSr16,
	pain_nrs: painNrs
};

export const INSTRUMENT_CODES = Object.keys(INSTRUMENTS) as InstrumentCode[];

export function isInstrumentCode(code: string): code is InstrumentCode {
	return Object.hasOwn(INSTRUMENTS, code);
}

export function getInstrument(code: InstrumentCode): Instrument {
	return INSTRUMENTS[code];
}
