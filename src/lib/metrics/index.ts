// Pure statistics for the outcome metrics: no database, no Svelte, no Node APIs.
export { mean, sampleSd, summarize, type Summary } from './descriptive';
export { meanInterval, studentTCdf, tQuantile, type Interval } from './t-interval';
export { wilsonInterval, Z_95, type ProportionInterval } from './wilson';
export {
	quantile,
	quantileFromHistogram,
	quartiles,
	type HistogramBin,
	type Quartiles
} from './quantiles';
export {
	kaplanMeier,
	kaplanMeierFromTable,
	type SurvivalCurve,
	type SurvivalObservation,
	type SurvivalStep,
	type SurvivalTableRow
} from './kaplan-meier';
export { chiSquareSurvival, logRank, logRankFromTables, type LogRankResult } from './log-rank';
export { intervalTrend, leastSquaresSlope, type Line, type Point } from './trend';
export {
	DEFAULT_SMALL_CELL_MIN,
	isSmallCell,
	Suppressor,
	truncateSurvivalSteps,
	visibleCount,
	visibleRate,
	type VisibleRate,
	type VisibleSurvivalCurve
} from './suppression';
export { logGamma, regularizedBeta, regularizedGammaQ } from './special-functions';
