import { describe, expect, test } from 'vitest';
import {
	contrastRatio,
	HEAT_HIGH,
	HEAT_LIGHT_MID,
	HEAT_LOW,
	heatCell,
	INK_DARK,
	INK_LIGHT,
	interpolateHex,
	relativeLuminance
} from './heatmap';

describe('interpolateHex', () => {
	test.each([
		['#000000', '#ffffff', 0, '#000000'],
		['#000000', '#ffffff', 1, '#ffffff'],
		// 255 * 0.5 = 127.5, rounded to 128 = 0x80
		['#000000', '#ffffff', 0.5, '#808080'],
		// red 0x10 -> 0x30 a quarter of the way: 16 + 32 / 4 = 24 = 0x18
		['#100000', '#300000', 0.25, '#180000'],
		['#000000', '#ffffff', 2, '#ffffff'],
		['#000000', '#ffffff', -1, '#000000']
	])('%s to %s at %s is %s', (from, to, t, expected) => {
		expect(interpolateHex(from, to, t)).toBe(expected);
	});
});

describe('WCAG luminance and contrast', () => {
	test.each([
		['#ffffff', 1],
		['#000000', 0],
		// 0x80: (128/255 + 0.055)/1.055 ^ 2.4 = 0.21586
		['#808080', 0.21586]
	])('luminance of %s is %s', (hex, expected) => {
		expect(relativeLuminance(hex)).toBeCloseTo(expected, 4);
	});

	test('black on white is 21:1, either way round', () => {
		expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 6);
		expect(contrastRatio('#ffffff', '#000000')).toBeCloseTo(21, 6);
	});
});

describe('heatCell', () => {
	test.each([
		[0, 0, 3, HEAT_LOW, INK_DARK],
		[3, 0, 3, HEAT_HIGH, INK_LIGHT],
		[2, 0, 4, HEAT_LIGHT_MID, INK_DARK],
		// 0-3 answer 2 is a third of the way along the dark leg: #b4461a -> #8c2d04
		// red 180 - 40/3 = 166.7 -> a7, green 70 - 25/3 = 61.7 -> 3e, blue 26 - 22/3 = 18.7 -> 13
		[2, 0, 3, '#a73e13', INK_LIGHT],
		[null, 0, 3, null, null]
	])('value %s on %s-%s', (value, min, max, background, ink) => {
		const cell = heatCell(value, min, max);
		expect(cell === null ? null : cell.background).toBe(background);
		expect(cell === null ? null : cell.ink).toBe(ink);
	});

	test('every answer of a 0-3 and a 0-6 item has ink with at least 4.5:1 contrast', () => {
		for (const max of [3, 4, 6]) {
			for (let v = 0; v <= max; v++) {
				const cell = heatCell(v, 0, max)!;
				expect(contrastRatio(cell.background, cell.ink)).toBeGreaterThanOrEqual(4.5);
			}
		}
	});

	test('darker with a higher answer', () => {
		const lum = [0, 1, 2, 3].map((v) => relativeLuminance(heatCell(v, 0, 3)!.background));
		expect([...lum].sort((a, b) => b - a)).toEqual(lum);
	});
});
