import { describe, expect, it } from 'vitest';
import { baseUrl, sessionCookie } from './support/browser';

// The methods page is generated from the registry and the definitions: its text must carry the
// configured small-cell minimum (11 in the e2e server) and each instrument's published rules.
describe('methods page', () => {
	it.each(['leadership', 'clinician', 'admin'])(
		'is open to %s and states the rules',
		async (who) => {
			const cookie = await sessionCookie(who);
			const response = await fetch(`${baseUrl()}/methods`, { headers: { cookie } });
			expect(response.status).toBe(200);
			const text = (await response.text())
				.replace(/<[^>]+>/g, ' ')
				.replace(/&lt;/g, '<')
				.replace(/&gt;/g, '>')
				.replace(/&amp;/g, '&')
				.replace(/\s+/g, ' ');
			expect(text).toContain('no count from 1 to 10 is shown or derivable');
			expect(text).toContain('currently 11');
			expect(text).toContain('Wilson score interval, z = 1.959964');
			for (const name of ['PHQ-9', 'GAD-7', 'PCL-5', 'MADRS', 'QIDS-SR16', 'Pain NRS']) {
				expect(text).toContain(name);
			}
			expect(text).toContain('total < 5');
			expect(text).toContain('≥ 10-point reduction');
			expect(text).toContain('ORKA-1');
		}
	);

	it('sends a signed-out visitor to sign in', async () => {
		const response = await fetch(`${baseUrl()}/methods`, { redirect: 'manual' });
		expect(response.status).toBe(302);
	});
});
