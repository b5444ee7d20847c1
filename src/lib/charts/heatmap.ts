import { boundedMemo } from '../memo';
import { hexToRgb } from './palette';

// Cell colours for the item heatmap: a sequential scale from a near-white to a dark red-brown,
// one step per possible item answer, with the printed value in whichever of two ink colours
// contrasts more (WCAG 2 relative luminance). A straight blend passes through mid-tones where
// neither ink reaches 4.5:1, so the scale has two legs that skip that zone: the lower half of
// the answers blends light colours (dark ink), the upper half dark ones (white ink).

export const HEAT_LOW = '#f7f4ee';
export const HEAT_LIGHT_MID = '#f5b58a';
export const HEAT_DARK_MID = '#b4461a';
export const HEAT_HIGH = '#8c2d04';
export const INK_DARK = '#17252d';
export const INK_LIGHT = '#ffffff';

export function interpolateHex(from: string, to: string, t: number): string {
	const a = hexToRgb(from);
	const b = hexToRgb(to);
	const clamped = Math.min(1, Math.max(0, t));
	const channel = (x: number, y: number) =>
		Math.round(x + (y - x) * clamped)
			.toString(16)
			.padStart(2, '0');
	return `#${channel(a.r, b.r)}${channel(a.g, b.g)}${channel(a.b, b.b)}`;
}

/** WCAG 2.x relative luminance of an sRGB colour. */
export function relativeLuminance(hex: string): number {
	const { r, g, b } = hexToRgb(hex);
	const linear = (v: number) => {
		const c = v / 255;
		return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
	};
	return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

export function contrastRatio(a: string, b: string): number {
	const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
	return (hi + 0.05) / (lo + 0.05);
}

export interface HeatCell {
	background: string;
	ink: string;
}

/** Colour of an item answer on an item scale min..max; null (missing) gets no fill. */
export function heatCell(value: number | null, min: number, max: number): HeatCell | null {
	if (value === null) return null;
	return heatCells(`${value}/${min}/${max}`, () => Object.freeze(computeHeatCell(value, min, max)));
}

// A patient page draws hundreds of cells from a handful of distinct answers; computing each
// cell's colours and contrast afresh was 3 ms of every server render.
const heatCells = boundedMemo<HeatCell>(1000);

function computeHeatCell(value: number, min: number, max: number): HeatCell {
	const t = max === min ? 0 : (value - min) / (max - min);
	const background =
		t <= 0.5
			? interpolateHex(HEAT_LOW, HEAT_LIGHT_MID, t * 2)
			: interpolateHex(HEAT_DARK_MID, HEAT_HIGH, (t - 0.5) * 2);
	const ink =
		contrastRatio(background, INK_DARK) >= contrastRatio(background, INK_LIGHT)
			? INK_DARK
			: INK_LIGHT;
	return { background, ink };
}
