import { describe, expect, it, test } from 'vitest';
import { INSTRUMENTS, INSTRUMENT_CODES, isInstrumentCode } from './registry';
import { bandOf, totalFromItems, validateScore } from './scoring';

const { phq9, gad7, pcl5, madrs, qids_sr16: qids, pain_nrs: pain } = INSTRUMENTS;

describe('registry matches shared/domain.md section 2', () => {
	test.each([
		['phq9', 9, 0, 3, 27, '44261-6'],
		['gad7', 7, 0, 3, 21, '70274-6'],
		['pcl5', 20, 0, 4, 80, null],
		['madrs', 10, 0, 6, 60, null],
		['qids_sr16', 16, 0, 3, 27, null],
		['pain_nrs', 1, 0, 10, 10, '72514-3']
	] as const)(
		'%s: %i items %i-%i, total max %i, LOINC %s',
		(code, items, min, max, total, loinc) => {
			const instrument = INSTRUMENTS[code];
			expect([instrument.itemCount, instrument.itemMin, instrument.itemMax]).toEqual([
				items,
				min,
				max
			]);
			expect([instrument.totalMin, instrument.totalMax]).toEqual([0, total]);
			expect(instrument.loincTotal).toBe(loinc);
		}
	);

	it('lists the PHQ-9 item LOINC codes in item order, item 9 being the safety item', () => {
		expect(phq9.itemLoinc).toEqual([
			'44250-9',
			'44255-8',
			'44259-0',
			'44254-1',
			'44251-7',
			'44258-2',
			'44252-5',
			'44253-3',
			'44260-8'
		]);
		expect(phq9.safetyItem).toMatchObject({ item: 9, flagAt: 1, escalateAt: 2, loinc: '44260-8' });
	});

	it('stores reliable-change inputs with their source', () => {
		expect(phq9.reliableChange?.r).toBe(0.84);
		expect(gad7.reliableChange?.r).toBe(0.83);
		expect(pcl5.reliableChange?.r).toBe(0.82);
		expect(qids.reliableChange?.r).toBe(0.86);
		for (const code of INSTRUMENT_CODES) {
			const inputs = INSTRUMENTS[code].reliableChange;
			if (inputs) expect(inputs.source).toMatch(/SD/);
		}
	});

	it('has bands that tile the whole total range without gaps or overlaps', () => {
		for (const code of INSTRUMENT_CODES) {
			const { bands, totalMin, totalMax } = INSTRUMENTS[code];
			expect(bands[0].min).toBe(totalMin);
			expect(bands.at(-1)?.max).toBe(totalMax);
			for (let i = 1; i < bands.length; i++) expect(bands[i].min).toBe(bands[i - 1].max + 1);
		}
	});

	it('recognises instrument codes', () => {
		expect(isInstrumentCode('phq9')).toBe(true);
		expect(isInstrumentCode('PHQ9')).toBe(false);
		expect(isInstrumentCode('toString')).toBe(false);
	});
});

describe('bandOf at every band boundary', () => {
	test.each([
		[phq9, 0, 'Minimal'],
		[phq9, 4, 'Minimal'],
		[phq9, 5, 'Mild'],
		[phq9, 9, 'Mild'],
		[phq9, 10, 'Moderate'],
		[phq9, 14, 'Moderate'],
		[phq9, 15, 'Moderately severe'],
		[phq9, 19, 'Moderately severe'],
		[phq9, 20, 'Severe'],
		[phq9, 27, 'Severe'],
		[gad7, 4, 'Minimal'],
		[gad7, 5, 'Mild'],
		[gad7, 9, 'Mild'],
		[gad7, 10, 'Moderate'],
		[gad7, 14, 'Moderate'],
		[gad7, 15, 'Severe'],
		[gad7, 21, 'Severe'],
		[pcl5, 32, 'Below PTSD threshold'],
		[pcl5, 33, 'Probable PTSD'],
		[pcl5, 80, 'Probable PTSD'],
		[madrs, 6, 'Absent'],
		[madrs, 7, 'Mild'],
		[madrs, 19, 'Mild'],
		[madrs, 20, 'Moderate'],
		[madrs, 34, 'Moderate'],
		[madrs, 35, 'Severe'],
		[madrs, 60, 'Severe'],
		[qids, 5, 'None'],
		[qids, 6, 'Mild'],
		[qids, 10, 'Mild'],
		[qids, 11, 'Moderate'],
		[qids, 15, 'Moderate'],
		[qids, 16, 'Severe'],
		[qids, 20, 'Severe'],
		[qids, 21, 'Very severe'],
		[qids, 27, 'Very severe'],
		[pain, 0, 'No pain'],
		[pain, 1, 'Mild'],
		[pain, 3, 'Mild'],
		[pain, 4, 'Moderate'],
		[pain, 6, 'Moderate'],
		[pain, 7, 'Severe'],
		[pain, 10, 'Severe']
	])('%s total %i is %s', (instrument, total, label) => {
		expect(bandOf(instrument, total)?.label).toBe(label);
	});

	it('has no band outside the range', () => {
		expect(bandOf(phq9, 28)).toBeNull();
		expect(bandOf(phq9, -1)).toBeNull();
	});
});

describe('totalFromItems', () => {
	it('sums PHQ-9, GAD-7, PCL-5, MADRS and pain items', () => {
		expect(totalFromItems(phq9, [3, 3, 3, 3, 3, 3, 3, 3, 3])).toBe(27);
		expect(totalFromItems(gad7, [0, 1, 2, 3, 0, 1, 2])).toBe(9);
		expect(totalFromItems(pcl5, Array(20).fill(4))).toBe(80);
		expect(totalFromItems(madrs, [6, 5, 4, 3, 2, 1, 0, 1, 2, 3])).toBe(27);
		expect(totalFromItems(pain, [7])).toBe(7);
	});

	it('scores QIDS-SR16 by its nine domains, never the sum of the 16 items', () => {
		// sleep max(1,3,0,2)=3, mood 2, appetite max(0,1,3,0)=3, 1, 2, 0, 1, 2, psychomotor max(1,3)=3
		const items = [1, 3, 0, 2, 2, 0, 1, 3, 0, 1, 2, 0, 1, 2, 1, 3];
		expect(totalFromItems(qids, items)).toBe(17);
		expect(items.reduce((a, b) => a + b, 0)).toBe(22);
		expect(totalFromItems(qids, Array(16).fill(3))).toBe(27);
	});

	it('refuses to prorate a missing item', () => {
		expect(totalFromItems(phq9, [1, 1, 1, 1, null, 1, 1, 1, 1])).toBeNull();
		expect(totalFromItems(gad7, [1, 1, 1])).toBeNull();
	});
});

describe('validateScore', () => {
	it('accepts a total that matches its items', () => {
		expect(validateScore(phq9, 12, [2, 2, 2, 1, 1, 1, 1, 1, 1])).toEqual([]);
		expect(validateScore(phq9, 27, null)).toEqual([]);
	});

	it('explains each problem in plain words', () => {
		expect(validateScore(phq9, 28, null)).toEqual(["total 28 is outside PHQ-9's range 0-27"]);
		expect(validateScore(gad7, 5, [1, 1, 1])).toEqual(['GAD-7 has 7 items, but 3 were given']);
		expect(validateScore(phq9, 9, [1, 1, 1, 1, 4, 1, 1, 1, 1])).toEqual([
			'item 5 is 4, outside 0-3'
		]);
		expect(validateScore(phq9, 9, [1, 1, 1, 1, null, 1, 1, 1, 1])).toEqual([
			'item 5 is missing (a PHQ-9 total needs every item)'
		]);
		expect(validateScore(phq9, 10, [1, 1, 1, 1, 1, 1, 1, 1, 1])).toEqual([
			'total 10 does not match the sum of the items, which gives 9'
		]);
		expect(validateScore(qids, 22, [1, 3, 0, 2, 2, 0, 1, 3, 0, 1, 2, 0, 1, 2, 1, 3])).toEqual([
			'total 22 does not match the QIDS domain scoring, which gives 17'
		]);
		expect(validateScore(phq9, 2.5, null)).toHaveLength(1);
	});
});
