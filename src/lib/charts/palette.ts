// Chart colours. These mirror the design tokens in src/app.css (canvas drawing cannot read CSS
// variables cheaply), so a colour means the same thing in a chart, a badge and a table.

export const PHASE_COLOURS = {
	induction: '#0072b2',
	booster: '#d55e00'
} as const;

/** Severity bands: a light fill for background boxes and a strong tone for points and text. */
export const BAND_COLOURS: Record<string, { fill: string; strong: string }> = {
	minimal: { fill: '#e3f1e7', strong: '#2f7d4a' },
	mild: { fill: '#f6f0c8', strong: '#8a7a12' },
	moderate: { fill: '#fbdcb4', strong: '#b5651d' },
	moderately_severe: { fill: '#f6bfa6', strong: '#b4462b' },
	severe: { fill: '#eca3a3', strong: '#9b1c1c' }
};

/** Every instrument in the registry maps its bands onto these five keys. */
export function bandColours(key: string): { fill: string; strong: string } {
	return BAND_COLOURS[key] ?? NEUTRAL_BAND;
}

const NEUTRAL_BAND = { fill: '#eef2f4', strong: '#51636d' };

export const INK = {
	text: '#17252d',
	muted: '#51636d',
	faint: '#6b7c85',
	grid: '#e3e8eb',
	border: '#b7c3ca',
	surface: '#ffffff',
	brand: '#0b5563'
} as const;

/**
 * Okabe-Ito: a qualitative palette distinguishable under the common colour-vision deficiencies
 * (Okabe & Ito 2008). Black is left out (it reads as an axis), and the two phase colours come
 * last so that group series are not mistaken for induction/booster marks.
 */
export const SERIES_COLOURS = [
	'#009e73',
	'#cc79a7',
	'#e69f00',
	'#56b4e9',
	'#0072b2',
	'#d55e00',
	'#f0e442'
] as const;

/** Point shapes paired with the series colours, so groups differ by shape as well as colour. */
export const SERIES_SHAPES = ['circle', 'rect', 'triangle', 'rectRot', 'star', 'crossRot'] as const;

export function seriesColour(index: number): string {
	return SERIES_COLOURS[index % SERIES_COLOURS.length];
}

export function seriesShape(index: number): (typeof SERIES_SHAPES)[number] {
	return SERIES_SHAPES[index % SERIES_SHAPES.length];
}

/** '#rrggbb' with an alpha, for translucent CI bands over the same series colour. */
export function withAlpha(hex: string, alpha: number): string {
	const { r, g, b } = hexToRgb(hex);
	return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}

export function hexToRgb(hex: string): { r: number; g: number; b: number } {
	const match = /^#([0-9a-f]{6})$/i.exec(hex);
	if (!match) throw new Error(`not a #rrggbb colour: ${hex}`);
	const value = parseInt(match[1], 16);
	return { r: (value >> 16) & 255, g: (value >> 8) & 255, b: value & 255 };
}
