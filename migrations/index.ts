import type { Migration } from 'kysely';
import * as coreSchema from './2026-11-27T01-core-schema';
import * as accessAndAudit from './2026-11-27T02-access-and-audit';
import * as signInThrottle from './2026-11-27T03-sign-in-throttle';
import * as derivedFacts from './2026-11-27T04-derived-facts';
import * as trajectoryRollups from './2026-11-27T05-trajectory-rollups';
import * as trajectoryClinicRollups from './2026-11-27T06-trajectory-clinic-rollups';
import * as boosterGapRollups from './2026-11-27T07-booster-gap-rollups';
import * as dropUnusedUserLockColumns from './2026-11-27T08-drop-unused-user-lock-columns';
import * as inductionRollups from './2026-11-27T09-induction-rollups';
import * as boosterIntervals from './2026-11-27T10-booster-intervals';
import * as boosterActivityRollups from './2026-11-27T11-booster-activity-rollups';
import * as survivalRollups from './2026-11-27T12-survival-rollups';
import * as worklistSnapshot from './2026-11-27T13-worklist-snapshot';
import * as patientDataCounts from './2026-11-27T14-patient-data-counts';
import * as datedRollups from './2026-11-27T15-dated-rollups';
import * as expectedBandRollup from './2026-11-27T16-expected-band-rollup';
import * as dataVersion from './2026-11-27T18-data-version';
import * as worklistColumns from './2026-11-27T19-worklist-columns';
import * as boosterLaneSnapshot from './2026-11-27T20-booster-lane-snapshot';
import * as worklistDetails from './2026-11-27T21-worklist-details';
import * as expectedBandDated from './2026-11-27T22-expected-band-dated';
import * as expectedBandDatedPct from './2026-11-27T23-expected-band-dated-pct';
import * as listSortIndexes from './2026-11-27T26-list-sort-indexes';
import * as dropBoosterFactIndex from './2026-11-27T27-drop-booster-fact-index';
import * as boosterGapTrend from './2026-11-27T28-booster-gap-trend';
import * as courseBaselineDate from './2026-11-27T29-course-baseline-date';
import * as currentInfusionLookups from './2026-11-27T30-current-infusion-lookups';
import * as unscoredInfusions from './2026-11-27T31-unscored-infusions';

// Listed statically (not read from the folder at run time) so that the built server, the CLI
// under tsx and vitest all carry the same migrations. Names sort by date; append new ones.
export const migrations: Record<string, Migration> = {
	'2026-11-27T01-core-schema': coreSchema,
	'2026-11-27T02-access-and-audit': accessAndAudit,
	'2026-11-27T03-sign-in-throttle': signInThrottle,
	'2026-11-27T04-derived-facts': derivedFacts,
	'2026-11-27T05-trajectory-rollups': trajectoryRollups,
	'2026-11-27T06-trajectory-clinic-rollups': trajectoryClinicRollups,
	'2026-11-27T07-booster-gap-rollups': boosterGapRollups,
	'2026-11-27T08-drop-unused-user-lock-columns': dropUnusedUserLockColumns,
	'2026-11-27T09-induction-rollups': inductionRollups,
	'2026-11-27T10-booster-intervals': boosterIntervals,
	'2026-11-27T11-booster-activity-rollups': boosterActivityRollups,
	'2026-11-27T12-survival-rollups': survivalRollups,
	'2026-11-27T13-worklist-snapshot': worklistSnapshot,
	'2026-11-27T14-patient-data-counts': patientDataCounts,
	'2026-11-27T15-dated-rollups': datedRollups,
	'2026-11-27T16-expected-band-rollup': expectedBandRollup,
	'2026-11-27T18-data-version': dataVersion,
	'2026-11-27T19-worklist-columns': worklistColumns,
	'2026-11-27T20-booster-lane-snapshot': boosterLaneSnapshot,
	'2026-11-27T21-worklist-details': worklistDetails,
	'2026-11-27T22-expected-band-dated': expectedBandDated,
	'2026-11-27T23-expected-band-dated-pct': expectedBandDatedPct,
	'2026-11-27T26-list-sort-indexes': listSortIndexes,
	'2026-11-27T27-drop-booster-fact-index': dropBoosterFactIndex,
	'2026-11-27T28-booster-gap-trend': boosterGapTrend,
	'2026-11-27T29-course-baseline-date': courseBaselineDate,
	'2026-11-27T30-current-infusion-lookups': currentInfusionLookups,
	'2026-11-27T31-unscored-infusions': unscoredInfusions
};
