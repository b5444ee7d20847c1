import { sql, type RawBuilder } from 'kysely';
import type { Instrument } from '../../instruments';

// shared/domain.md section 2's per-course rules as SQL over columns b (baseline) and p (post),
// mirroring src/lib/instruments/outcome-rules.ts (the tests compare the two). Each rule gives a
// `defined` condition (the course counts in the denominator) and a `met` condition; null when the
// instrument has no such rule.

export interface SqlRule {
	defined: RawBuilder<boolean>;
	met: RawBuilder<boolean>;
}

const always = sql<boolean>`true`;

/** Response: >= the fraction of baseline (integer comparison so exactly 50% counts), or points. */
export function responseRule(instrument: Instrument): SqlRule {
	const rule = instrument.response;
	if (rule.kind === 'absolute') {
		return { defined: always, met: sql<boolean>`b - p >= ${rule.points}::int` };
	}
	// Relative change is undefined at baseline 0: such courses are not in the denominator.
	const keptPercent = 100 - Math.round(rule.fraction * 100);
	return {
		defined: sql<boolean>`b > 0`,
		met: sql<boolean>`b > 0 and p * 100 <= b * ${keptPercent}::int`
	};
}

export function remissionRule(instrument: Instrument): SqlRule | null {
	const rule = instrument.remission;
	if (!rule) return null;
	const met =
		rule.kind === 'below'
			? sql<boolean>`p < ${rule.value}::int`
			: sql<boolean>`p <= ${rule.value}::int`;
	return { defined: always, met };
}

export function mcidRule(instrument: Instrument): SqlRule | null {
	if (!instrument.mcid) return null;
	return { defined: always, met: sql<boolean>`b - p >= ${instrument.mcid.points}::int` };
}

/** Jacobson-Truax: RCI = (post - pre) / (SD * sqrt(2) * sqrt(1 - r)); reliable beyond 1.96. */
export function reliableChangeRules(
	instrument: Instrument
): { improvement: SqlRule; deterioration: SqlRule } | null {
	const inputs = instrument.reliableChange;
	if (!inputs) return null;
	const denominator = inputs.sd * Math.sqrt(2) * Math.sqrt(1 - inputs.r);
	const rci = sql`(p - b)::float8 / ${denominator}::float8`;
	return {
		improvement: { defined: always, met: sql<boolean>`${rci} < -1.96` },
		deterioration: { defined: always, met: sql<boolean>`${rci} > 1.96` }
	};
}
