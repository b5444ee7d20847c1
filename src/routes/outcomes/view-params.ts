import type { InstrumentCode } from '$lib/instruments';
import type { Filters } from '$lib/filters';

// Display options of the leadership pages, kept in the URL beside the filters so that a shared
// link (or a printout) shows the same view. They change what is drawn, never what is computed.

export const VIEW_PARAMS = ['view', 'benchmarks', 'gap'] as const;

/** Scores are needed for outcomes; PHQ-9 is the instrument every demo clinic gives. */
export const DEFAULT_INSTRUMENT: InstrumentCode = 'phq9';

export type TrajectoryView = 'mean' | 'pct';

export interface ViewOptions {
	trajectory: TrajectoryView;
	benchmarks: boolean;
	/** Booster number j >= 2 for the later-gap survival panel. */
	gap: number;
}

export function parseView(params: URLSearchParams): ViewOptions {
	const gap = Number(params.get('gap'));
	return {
		trajectory: params.get('view') === 'pct' ? 'pct' : 'mean',
		benchmarks: params.get('benchmarks') === '1',
		gap: Number.isInteger(gap) && gap >= 2 && gap <= 12 ? gap : 2
	};
}

export function withInstrument(filters: Filters): Filters & { instrument: InstrumentCode } {
	return { ...filters, instrument: filters.instrument ?? DEFAULT_INSTRUMENT };
}
