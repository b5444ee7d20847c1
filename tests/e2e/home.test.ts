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
		// The demo's 500 patients (plus any another test file imported) across three clinics:
		// every clinic is well above the small-cell rule, and the rows add up to the tile.
		const toNumber = (text: string) => Number(text.replace(/,/g, ''));
		const perClinic = (await rows.locator('td:nth-child(2)').allTextContents()).map(toNumber);
		for (const patients of perClinic) expect(patients).toBeGreaterThanOrEqual(100);
		const tile = await page.locator('.tile', { hasText: 'Patients' }).locator('.tile-value');
		const total = toNumber(await tile.innerText());
		expect(total).toBeGreaterThanOrEqual(500);
		expect(perClinic.reduce((a, b) => a + b, 0)).toBe(total);
		await screenshot(page, 'home-desktop');
		expect(errors).toEqual([]);
	});
});
