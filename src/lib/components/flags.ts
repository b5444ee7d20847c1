// The worklist's flags (issue 6): what each is called, how serious it is, and the icon that
// carries its meaning besides colour.

export type FlagKind =
	| 'safety'
	| 'escalated'
	| 'deterioration'
	| 'not_on_track'
	| 'no_questionnaire'
	| 'gaps_shortening';

export interface FlagStyle {
	text: string;
	tone: 'danger' | 'warning' | 'neutral';
	icon: 'alert' | 'alert-filled' | 'trend-down' | 'clock' | 'clipboard' | 'arrows-in';
}

export const FLAG_STYLES: Record<FlagKind, FlagStyle> = {
	escalated: { text: 'Item 9 escalated', tone: 'danger', icon: 'alert-filled' },
	safety: { text: 'Item 9 flagged', tone: 'danger', icon: 'alert' },
	deterioration: { text: 'Reliable deterioration', tone: 'warning', icon: 'trend-down' },
	not_on_track: { text: 'Not on track', tone: 'warning', icon: 'clock' },
	no_questionnaire: { text: 'No questionnaire', tone: 'neutral', icon: 'clipboard' },
	gaps_shortening: { text: 'Gaps shortening', tone: 'neutral', icon: 'arrows-in' }
};
