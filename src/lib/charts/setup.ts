import {
	BarController,
	BarElement,
	CategoryScale,
	Chart,
	Filler,
	Legend,
	LinearScale,
	LineController,
	LineElement,
	PointElement,
	ScatterController,
	TimeScale,
	Tooltip,
	type Plugin
} from 'chart.js';
import { BoxAndWiskers, BoxPlotController } from '@sgratzl/chartjs-chart-boxplot';
import annotationPlugin from 'chartjs-plugin-annotation';
import 'chartjs-adapter-date-fns';
import { INK } from './palette';

// Only the pieces the app's charts use are registered (never 'chart.js/auto'), which keeps the
// client bundle small and makes a chart that needs something new fail loudly in development.

/**
 * Paints the canvas white before each draw, so a PNG from toBase64Image() has a background
 * (a transparent PNG turns black in some viewers and slide tools).
 */
const whiteBackground: Plugin = {
	id: 'whiteBackground',
	beforeDraw(chart) {
		const { ctx } = chart;
		ctx.save();
		ctx.globalCompositeOperation = 'destination-over';
		ctx.fillStyle = '#ffffff';
		ctx.fillRect(0, 0, chart.width, chart.height);
		ctx.restore();
	}
};

let registered = false;

/** Registers controllers, scales and plugins once per page; safe to call from every chart. */
export function registerCharts(): typeof Chart {
	if (registered) return Chart;
	Chart.register(
		LineController,
		ScatterController,
		BarController,
		BoxPlotController,
		LineElement,
		PointElement,
		BarElement,
		BoxAndWiskers,
		LinearScale,
		CategoryScale,
		TimeScale,
		Filler,
		Legend,
		Tooltip,
		annotationPlugin,
		whiteBackground
	);
	Chart.defaults.font.family =
		"'Inter', 'Segoe UI', system-ui, -apple-system, 'Helvetica Neue', Arial, sans-serif";
	Chart.defaults.font.size = 12;
	Chart.defaults.color = INK.muted;
	Chart.defaults.borderColor = INK.grid;
	Chart.defaults.maintainAspectRatio = false;
	Chart.defaults.responsive = true;
	registered = true;
	return Chart;
}
