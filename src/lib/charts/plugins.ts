import type { Chart, Plugin } from 'chart.js';

// Small drawing plugins shared by the kind components. They read what to draw from the chart's
// current data at draw time, so they survive in-place updates.

interface WithN {
	n?: number | null;
}

/** Height of one row of n labels under the x axis. */
export const N_ROW_HEIGHT = 14;

/**
 * Writes each point's n under the x axis, one row per dataset flagged `showN`, in the dataset's
 * colour and in legend order. Rows (not labels beside the points) keep two close series from
 * writing over each other; the chart reserves the room with bottom layout padding.
 */
export const nLabelsPlugin: Plugin = {
	id: 'nLabels',
	afterDraw(chart: Chart) {
		const xScale = chart.scales.x;
		if (!xScale) return;
		const { ctx } = chart;
		ctx.save();
		ctx.font = '11px system-ui, sans-serif';
		ctx.textBaseline = 'top';
		let row = 0;
		chart.data.datasets.forEach((dataset, datasetIndex) => {
			if (!(dataset as { showN?: boolean }).showN || !chart.isDatasetVisible(datasetIndex)) return;
			const top = xScale.bottom + 2 + row * N_ROW_HEIGHT;
			ctx.fillStyle = String(dataset.borderColor ?? '#51636d');
			if (row === 0) {
				ctx.textAlign = 'right';
				ctx.fillText('n', chart.chartArea.left - 16, top);
			}
			ctx.textAlign = 'center';
			const meta = chart.getDatasetMeta(datasetIndex);
			meta.data.forEach((element, index) => {
				const raw = dataset.data[index] as WithN | null;
				if (!raw || raw.n === null || raw.n === undefined) return;
				const { x } = element.getProps(['x'], true) as { x: number };
				if (Number.isFinite(x)) ctx.fillText(String(raw.n), x, top);
			});
			row += 1;
		});
		ctx.restore();
	}
};
