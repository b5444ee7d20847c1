import { getContext, setContext } from 'svelte';
import type { Chart } from 'chart.js';

// A panel's chart, shared through context so that a PNG button in the panel's actions can reach
// the chart drawn in the panel's body without every kind component forwarding a binding.

const KEY = Symbol('chart-host');

export class ChartHost {
	chart = $state.raw<Chart | undefined>(undefined);
}

export function provideChartHost(): ChartHost {
	return setContext(KEY, new ChartHost());
}

export function useChartHost(): ChartHost | undefined {
	return getContext<ChartHost | undefined>(KEY);
}

/** Saves the chart as a PNG (the white-background plugin makes it opaque). */
export function downloadChartPng(chart: Chart, filename: string): void {
	const link = document.createElement('a');
	link.href = chart.toBase64Image('image/png', 1);
	link.download = filename.endsWith('.png') ? filename : `${filename}.png`;
	link.click();
}
