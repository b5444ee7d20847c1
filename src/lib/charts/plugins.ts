import type { Chart, Plugin } from 'chart.js';

// Small drawing plugins shared by the kind components. They read what to draw from the chart's
// current data at draw time, so they survive in-place updates.

interface WithN {
	n?: number | null;
}

/** Writes "n=…" under every drawn point of datasets flagged `showN`, in the dataset's colour. */
export const nLabelsPlugin: Plugin = {
	id: 'nLabels',
	afterDatasetsDraw(chart: Chart) {
		const { ctx } = chart;
		ctx.save();
		ctx.font = '11px system-ui, sans-serif';
		ctx.textAlign = 'center';
		ctx.textBaseline = 'top';
		chart.data.datasets.forEach((dataset, datasetIndex) => {
			if (!(dataset as { showN?: boolean }).showN || !chart.isDatasetVisible(datasetIndex)) return;
			const meta = chart.getDatasetMeta(datasetIndex);
			ctx.fillStyle = String(dataset.borderColor ?? '#51636d');
			meta.data.forEach((element, index) => {
				const raw = dataset.data[index] as WithN | null;
				if (!raw || raw.n === null || raw.n === undefined || (element as { skip?: boolean }).skip)
					return;
				const { x, y } = element.getProps(['x', 'y'], true) as { x: number; y: number };
				if (!Number.isFinite(y)) return;
				ctx.fillText(`n=${raw.n}`, x, y + 8);
			});
		});
		ctx.restore();
	}
};
