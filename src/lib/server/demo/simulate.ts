import { INSTRUMENTS } from '$lib/instruments';
import type { Phase } from '../db/schema';
import {
	AGE_MIX,
	ARCHETYPE_MIX,
	BASELINES,
	CLINICS,
	DOSES,
	GAP_TREND_MIX,
	INDICATION_MIX,
	INDUCTION_RELIEF,
	SEX_MIX,
	instrumentsFor,
	type Archetype,
	type DemoInstrument,
	type GapTrend
} from './clinic-model';
import { itemsForTotal } from './items';
import { isoOf, type Random } from './random';

// One simulated patient: a treatment history (induction, boosters, sometimes re-induction,
// drop-out or discharge) and questionnaires before infusions, as rows of the import format.

export interface DemoRows {
	patient: string[];
	infusions: string[][];
	assessments: string[][];
}

interface Visit {
	day: number;
	phase: Phase;
	/** Share of baseline symptoms relieved at this point (0 = baseline, 1 = none left). */
	relief: number;
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** Relief rises over induction infusions 1..6: nothing at the first (it is the baseline). */
const inductionCurve = (k: number, target: number, start: number) =>
	start + (target - start) * ((1 - Math.exp(-(k - 1) / 1.8)) / (1 - Math.exp(-5 / 1.8)));

function nextGap(rng: Random, gap: number, trend: GapTrend): number {
	// Lengthening: the clinic spreads boosters out; relapsing: symptoms return sooner.
	if (trend === 'lengthening') return Math.min(120, gap * (1.1 + rng.next() * 0.25));
	if (trend === 'relapsing') return Math.max(7, gap * (0.72 + rng.next() * 0.16));
	return gap * (0.9 + rng.next() * 0.2);
}

function schedule(rng: Random, archetype: Archetype, firstDay: number, endDay: number) {
	const visits: Visit[] = [];
	let discharge: number | null = null;
	let day = firstDay;
	let trend = rng.weighted(GAP_TREND_MIX);
	const target = INDUCTION_RELIEF[archetype];
	for (let course = 0; ; course++) {
		// About a quarter stop during their first induction (after 1-5 infusions).
		const planned = course === 0 ? (rng.chance(0.25) ? rng.int(1, 5) : 6) : rng.int(4, 6);
		const start = course === 0 ? 0 : 0.15;
		for (let k = 1; k <= planned; k++) {
			if (day > endDay) return { visits, discharge };
			visits.push({ day, phase: 'induction', relief: inductionCurve(k, target, start) });
			day += rng.int(2, 4);
		}
		const last = visits[visits.length - 1].day;
		if (planned < 6 && course === 0) {
			if (rng.chance(0.6)) discharge = last + rng.int(7, 45);
			return { visits, discharge };
		}
		if (archetype === 'non_responder' && rng.chance(0.65)) {
			return { visits, discharge: last + rng.int(7, 30) };
		}
		let gap = archetype === 'responder' ? rng.int(21, 42) : rng.int(14, 30);
		for (let b = 1; ; b++) {
			day = visits[visits.length - 1].day + Math.round(gap);
			if (day > endDay) return { visits, discharge };
			const relief =
				archetype === 'late_responder'
					? 0.2 + 0.45 * (1 - Math.exp(-b / 2))
					: trend === 'relapsing'
						? Math.max(0.1, target * (1 - 0.12 * b))
						: target;
			visits.push({ day, phase: 'booster', relief });
			if (rng.chance(0.03) || (archetype === 'non_responder' && b >= 3)) {
				return { visits, discharge: day + rng.int(14, 60) };
			}
			gap = nextGap(rng, gap, trend);
			if (trend === 'relapsing' && (gap < 14 || b >= 6)) {
				// Relapse: a new induction course a week or three later.
				day += rng.int(7, 21);
				trend = rng.weighted(GAP_TREND_MIX);
				break;
			}
		}
	}
}

function score(rng: Random, instrument: DemoInstrument, baseline: number, relief: number): number {
	const { totalMax } = INSTRUMENTS[instrument];
	const effect = instrument === 'pain_nrs' ? relief * 0.8 : relief;
	const noise = rng.normal(0, 1.5 * (totalMax / 27));
	return clamp(Math.round(baseline * (1 - effect) + noise), 0, totalMax);
}

const OFFSETS: readonly (readonly [number, number])[] = [
	[0, 0.6],
	[1, 0.2],
	[2, 0.12],
	[3, 0.08]
];

export function simulatePatient(rng: Random, code: string, endDay: number): DemoRows {
	const clinic = CLINICS[Number(rng.weighted(CLINICS.map((c, i) => [i, c.weight] as const)))];
	const clinician = rng.chance(0.03)
		? ''
		: `${clinic.prefix}-DR${String(rng.int(1, clinic.clinicians)).padStart(2, '0')}`;
	const indication = rng.weighted(INDICATION_MIX);
	const ageBand = rng.weighted(AGE_MIX);
	const sex = rng.weighted(SEX_MIX);
	const enrolled = endDay - rng.int(10, 3 * 365);
	const archetype = rng.weighted(ARCHETYPE_MIX);
	const instruments = instrumentsFor(indication);
	const baselines = new Map(
		instruments.map((i) => {
			const [mean, sd, lo, hi] = BASELINES[i];
			return [i, clamp(Math.round(rng.normal(mean, sd)), lo, hi)];
		})
	);
	const { visits, discharge } = schedule(rng, archetype, enrolled + rng.int(0, 14), endDay);

	const infusions = visits.map((v) => [code, isoOf(v.day), v.phase, rng.weighted(DOSES)]);
	const assessments: [number, string[]][] = [];
	const used = new Set<string>();
	const assess = (instrument: DemoInstrument, day: number, relief: number) => {
		const key = `${instrument}${day}`;
		if (used.has(key) || day > endDay || day < enrolled) return;
		used.add(key);
		const total = score(rng, instrument, baselines.get(instrument) ?? 0, relief);
		const items = itemsForTotal(rng, instrument, total).join(';');
		assessments.push([day, [code, instrument, isoOf(day), String(total), items]]);
	};
	visits.forEach((visit, i) => {
		const previous = i === 0 ? enrolled - 1 : visits[i - 1].day;
		for (const instrument of instruments) {
			if (rng.chance(0.1)) continue; // a questionnaire not filled in
			// 0-3 days before, but never on or before the previous infusion's day: that
			// answer would belong to the previous infusion.
			const offset = Math.min(rng.weighted(OFFSETS), visit.day - previous - 1);
			assess(instrument, visit.day - offset, visit.relief);
		}
		const next = visits[i + 1]?.day ?? endDay + 1;
		// Now and then a questionnaire at home between infusions, more often after induction.
		const endsInduction = visit.phase === 'induction' && visits[i + 1]?.phase !== 'induction';
		if (next - visit.day > 10 && rng.chance(endsInduction ? 0.6 : 0.45)) {
			const day = visit.day + rng.int(7, Math.min(28, next - visit.day - 1));
			for (const instrument of instruments) assess(instrument, day, visit.relief);
		}
	});
	assessments.sort((a, b) => a[0] - b[0]);

	const lastDay = visits[visits.length - 1]?.day ?? enrolled;
	const discharged =
		discharge !== null && discharge <= endDay ? Math.max(discharge, lastDay) : null;
	return {
		patient: [
			code,
			clinic.name,
			clinician,
			indication,
			ageBand,
			sex,
			isoOf(enrolled),
			discharged === null ? '' : isoOf(discharged)
		],
		infusions,
		assessments: assessments.map(([, row]) => row)
	};
}
