import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, openBrowser, screenshot, signIn, type BrowserSession } from './support/browser';

let browser: BrowserSession;
beforeAll(async () => {
	browser = await openBrowser();
});
afterAll(() => browser?.close());

describe('home page', () => {
	it('sends a signed-out visitor to sign in', async () => {
		const response = await fetch(`${baseUrl()}/`, { redirect: 'manual' });
		expect(response.status).toBe(302);
		expect(response.headers.get('location')).toMatch(/^\/login/);
	});

	it('shows each demo clinic with its data, without console errors', async () => {
		const { page, errors } = browser;
		await signIn(page, 'leadership');
		await page.goto(`${baseUrl()}/`);
		await expect(page.getByRole('heading', { name: 'Clinic overview' }).isVisible()).resolves.toBe(
			true
		);
		const rows = page.locator('table.data tbody tr');
		await expect(rows.count()).resolves.toBe(3);
		const clinics = await rows.locator('th').allTextContents();
		expect(clinics).toEqual(['Bethesda', 'McLean', 'Washington']);
		// 500 demo patients across three clinics: every clinic is well above the small-cell rule.
		const patientCells = await rows.locator('td:nth-child(2)').allTextContents();
		const total = patientCells.map((t) => Number(t.replace(/,/g, ''))).reduce((a, b) => a + b, 0);
		expect(total).toBe(500);
		await screenshot(page, 'home-desktop');
		expect(errors).toEqual([]);
	});
});
