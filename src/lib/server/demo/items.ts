import { INSTRUMENTS } from '$lib/instruments';
import type { Random } from './random';
import type { DemoInstrument } from './clinic-model';

// Item scores that add up to a given total, so that every demo row passes the import's
// "items produce the total" rule. Points are dealt one at a time to items with room left,
// in proportion to a weight per item.

// PHQ-9 item 9 (thoughts of being better off dead or of self-harm) is endorsed less often than
// the other items, but still sometimes at >= 1, so that the safety flag has something to show.
const PHQ9_WEIGHTS = [1, 1, 1, 1.1, 0.9, 0.9, 0.9, 0.7, 0.1];

export function itemsForTotal(rng: Random, instrument: DemoInstrument, total: number): number[] {
	const { itemCount, itemMax } = INSTRUMENTS[instrument];
	if (itemCount === 1) return [total];
	const weights = instrument === 'phq9' ? PHQ9_WEIGHTS : new Array<number>(itemCount).fill(1);
	const items = new Array<number>(itemCount).fill(0);
	for (let point = 0; point < total; point++) {
		const open = weights.map((w, i) => (items[i] < itemMax ? w : 0));
		const sum = open.reduce((a, b) => a + b, 0);
		let r = rng.next() * sum;
		let chosen = open.findIndex((w) => (r -= w) < 0);
		if (chosen === -1) chosen = open.findLastIndex((w) => w > 0);
		items[chosen]++;
	}
	return items;
}
