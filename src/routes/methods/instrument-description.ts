import { INSTRUMENT_CODES, getInstrument, type Instrument } from '$lib/instruments';

// Each registry record as the methods page states it: ranges, bands, rules and sources are read
// from the registry the scoring code uses, never retyped.

export interface InstrumentRow {
	code: string;
	name: string;
	fullName: string;
	range: string;
	bands: string;
	response: string;
	remission: string;
	mcid: string;
	reliableChange: string;
	safety: string;
	loinc: string;
	sources: string[];
	licence: string;
}

export function instrumentRows(): InstrumentRow[] {
	return INSTRUMENT_CODES.map((code) => describeInstrument(getInstrument(code)));
}

function describeInstrument(i: Instrument): InstrumentRow {
	const scoring =
		i.scoring.kind === 'domains'
			? `${i.itemCount} items scored as ${i.scoring.domains.length} domains (max within each)`
			: `${i.itemCount} item${i.itemCount > 1 ? 's' : ''} (${i.itemMin}-${i.itemMax}) summed`;
	const response =
		i.response.kind === 'relative'
			? `≥ ${Math.round(i.response.fraction * 100)}% reduction from baseline`
			: `≥ ${i.response.points}-point reduction`;
	const remission = !i.remission
		? 'not defined'
		: i.remission.kind === 'below'
			? `total < ${i.remission.value}`
			: `total ≤ ${i.remission.value}`;
	const rc = i.reliableChange;
	return {
		code: i.code,
		name: i.name,
		fullName: i.fullName,
		range: `${i.totalMin}-${i.totalMax}; ${scoring}${i.missingItemInvalidates ? '; a missing item makes the total invalid' : ''}`,
		bands:
			i.bands.map((b) => `${b.min}-${b.max} ${b.label.toLowerCase()}`).join(', ') +
			(i.bandsNote ? `. ${i.bandsNote}` : ''),
		response,
		remission,
		mcid: i.mcid ? `${i.mcid.points} points (${i.mcid.source})` : 'none published',
		reliableChange: rc
			? `SD ${rc.sd}, r ${rc.r}: ${rc.source}`
			: 'not computed (no reliability source)',
		safety: i.safetyItem
			? `item ${i.safetyItem.item}: flag at ≥ ${i.safetyItem.flagAt}, escalate at ≥ ${i.safetyItem.escalateAt} (${i.safetyItem.source})`
			: 'none',
		loinc: i.loincTotal ?? 'none',
		sources: i.sources,
		licence: i.licence
	};
}
