import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	baseUrl,
	openBrowser,
	screenshot,
	sessionCookie,
	signIn,
	waitForCharts,
	type BrowserSession
} from './support/browser';

// The clinician's flow (issue 6): worklist -> flagged patient -> axis switch, with the numbers
// on the page checked against /api/v1/patients/{code}, access for another clinic, axe, and
// screenshots at desktop and tablet widths.

let browser: BrowserSession;
let flaggedPath = '';

beforeAll(async () => {
	browser = await openBrowser();
	await signIn(browser.page, 'clinician');
});
afterAll(() => browser?.close());

/** Every chart on the page drawn: as many ready markers as chart containers. */
async function allChartsDrawn(page: Page): Promise<number> {
	const total = await page.locator('[data-chart-ready]').count();
	if (total > 0) await waitForCharts(page, total);
	return total;
}

/** A full-page screenshot without Chart.js redrawing mid-capture: grow the viewport first. */
async function capture(page: Page, name: string, width: number): Promise<void> {
	await page.setViewportSize({ width, height: 900 });
	const height = await page.evaluate(() => document.documentElement.scrollHeight);
	await page.setViewportSize({ width, height: Math.min(height, 12_000) });
	await page.waitForTimeout(300);
	await allChartsDrawn(page);
	await screenshot(page, `${name}-${width}`);
	await page.setViewportSize({ width: 1280, height: 900 });
}

async function seriousViolations(page: Page): Promise<string[]> {
	const results = await new AxeBuilder({ page }).analyze();
	return results.violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => `${v.id}: ${v.help} (${v.nodes.length}, first at ${v.nodes[0]?.target.join(' ')})`);
}

/** A table cell as the API's number: '–' is null, '+3' is 3, '−2' is -2. */
const cellNumber = (text: string): number | null => {
	const t = text.trim().replace('−', '-').replace('+', '');
	return t === '–' || t === '' ? null : Number(t.split(/\s/)[0]);
};

describe('clinician worklist', () => {
	it('filters by flag from the form and keeps the filter in the URL', async () => {
		const { page } = browser;
		await page.goto(`${baseUrl()}/patients`);
		await expect(
			page.getByRole('heading', { name: 'Patients', level: 1 }).isVisible()
		).resolves.toBe(true);
		const safetyChip = page.locator('.flag-chips a', { hasText: 'Safety item' });
		const expected = Number(await safetyChip.locator('.count').textContent());
		expect(expected).toBeGreaterThan(0);
		await page.locator('#flag').selectOption('safety');
		await Promise.all([
			page.waitForURL(/flag=safety/),
			page.getByRole('button', { name: 'Apply' }).click()
		]);
		await expect(page.locator('#worklist-heading').textContent()).resolves.toContain(
			`of ${expected}`
		);
		const rows = page.locator('table.worklist tbody tr');
		const count = await rows.count();
		expect(count).toBe(Math.min(expected, 50));
		for (let i = 0; i < count; i++) {
			await expect(rows.nth(i).locator('.badge.danger').count()).resolves.toBeGreaterThan(0);
		}
		// The reason is there for hover (title) and for screen readers (visually hidden text).
		const badge = rows.first().locator('.badge.danger').first();
		await expect(badge.getAttribute('title')).resolves.toMatch(/item 9 answered [1-3] on /);
		flaggedPath = (await rows.first().locator('a.code').getAttribute('href')) ?? '';
		expect(flaggedPath).toMatch(/^\/patients\//);
		expect(await seriousViolations(page)).toEqual([]);
		await capture(page, 'clinician-worklist', 1280);
		await capture(page, 'clinician-worklist', 820);
	});

	it('shows active patients by default and everyone on request', async () => {
		const { page } = browser;
		const total = async () =>
			Number(/of (\d+)/.exec((await page.locator('#worklist-heading').textContent()) ?? '')?.[1]);
		await page.goto(`${baseUrl()}/patients`);
		await expect(page.locator('#active').inputValue()).resolves.toBe('yes');
		const active = await total();
		// Days since the last infusion is at most the 180-day window on every row that has one.
		const cells = await page.locator('table.worklist tbody tr td:nth-child(4)').allTextContents();
		const days = cells.map((d) => Number.parseInt(d, 10)).filter((d) => !Number.isNaN(d));
		expect(days.length).toBeGreaterThan(0);
		expect(Math.max(...days)).toBeLessThanOrEqual(180);
		await page.locator('#active').selectOption('all');
		await Promise.all([
			page.waitForURL(/active=all/),
			page.getByRole('button', { name: 'Apply' }).click()
		]);
		// The demo clinic has patients whose last infusion is long past.
		expect(await total()).toBeGreaterThan(active);
	});
});

describe('patient page', () => {
	it('draws every chart and shows the same numbers as the API', async () => {
		const { page } = browser;
		await page.goto(`${baseUrl()}${flaggedPath}`);
		const code = decodeURIComponent(flaggedPath.split('/').pop() ?? '');
		await expect(page.locator('h1').textContent()).resolves.toContain(code);
		expect(await allChartsDrawn(page)).toBeGreaterThan(0);
		const api = await page.request.get(`${baseUrl()}/api/v1/patients/${encodeURIComponent(code)}`);
		expect(api.status()).toBe(200);
		const detail = (await api.json()) as {
			courses: {
				index: number;
				instruments: Record<
					string,
					{ baseline: number | null; post: number | null; change: number | null }
				>;
			}[];
		};
		let compared = 0;
		for (const course of detail.courses) {
			for (const [instrument, outcome] of Object.entries(course.instruments)) {
				const row = page.locator(
					`[data-instrument="${instrument}"] tr[data-course="${course.index}"]`
				);
				const field = async (name: string) =>
					cellNumber((await row.locator(`[data-field="${name}"]`).textContent()) ?? '');
				expect(await field('baseline')).toBe(outcome.baseline);
				expect(await field('post')).toBe(outcome.post);
				expect(await field('change')).toBe(outcome.change);
				compared++;
			}
		}
		expect(compared).toBeGreaterThan(0);
		expect(await seriousViolations(page)).toEqual([]);
		await capture(page, 'clinician-patient', 1280);
		await capture(page, 'clinician-patient', 820);
	});

	it('switches the x axis from the keyboard and redraws', async () => {
		const { page } = browser;
		const byInfusion = page.getByRole('button', { name: 'By infusion' });
		await expect(byInfusion.getAttribute('aria-pressed')).resolves.toBe('false');
		await byInfusion.focus();
		await page.keyboard.press('Enter');
		await expect(byInfusion.getAttribute('aria-pressed')).resolves.toBe('true');
		await expect(
			page.getByRole('button', { name: 'By date' }).getAttribute('aria-pressed')
		).resolves.toBe('false');
		expect(await allChartsDrawn(page)).toBeGreaterThan(0);
		await capture(page, 'clinician-patient-by-infusion', 1280);
	});

	it('exports the patient as CSV and refuses another clinic and unknown codes', async () => {
		const own = await sessionCookie('clinician');
		const csv = await fetch(`${baseUrl()}${flaggedPath}/export.csv`, { headers: { cookie: own } });
		expect(csv.status).toBe(200);
		expect(csv.headers.get('content-type')).toContain('text/csv');
		const text = await csv.text();
		expect(text.split('\n')[2]).toMatch(/^course,date,record,phase,ordinal,instrument,total/);
		const other = await sessionCookie('clinician2');
		const forbidden = await fetch(`${baseUrl()}${flaggedPath}`, { headers: { cookie: other } });
		expect(forbidden.status).toBe(403);
		const unknown = await fetch(`${baseUrl()}/patients/NO-SUCH-CODE`, { headers: { cookie: own } });
		expect(unknown.status).toBe(404);
	});
});

describe('booster intervals across patients', () => {
	it('draws the swimmer plot with its table, sorted from the URL', async () => {
		const { page, errors } = browser;
		await page.goto(`${baseUrl()}/intervals?sort=median_gap&dir=desc`);
		expect(await allChartsDrawn(page)).toBe(1);
		const medians = await page.locator('table.data tbody tr td:nth-child(5)').allTextContents();
		expect(medians.length).toBeGreaterThan(0);
		const values = medians.map((m) => Number(m));
		expect(values).toEqual([...values].sort((a, b) => b - a));
		expect(await seriousViolations(page)).toEqual([]);
		await capture(page, 'clinician-intervals', 1280);
		await capture(page, 'clinician-intervals', 820);
		expect(errors).toEqual([]);
	});

	it('says when a page is past the end, with the total and a way back', async () => {
		const { page, errors } = browser;
		for (const path of ['/intervals?page=999', '/patients?page=999']) {
			await page.goto(`${baseUrl()}${path}`);
			const heading = page.locator('h2', { hasText: 'past the last page' });
			if (path.startsWith('/intervals')) await capture(page, 'clinician-intervals-past-end', 1280);
			await expect(heading.textContent()).resolves.toMatch(
				/^Page 999 is past the last page \(\d+\) of [1-9]\d* (active )?patients$/
			);
			await Promise.all([
				page.waitForURL(/page=\d/),
				page.getByRole('link', { name: 'Last page' }).click()
			]);
			// Back on the last page: its rows and the usual heading.
			await page.locator('h2', { hasText: /^Patients \d+–\d+ of / }).waitFor();
		}
		expect(errors).toEqual([]);
	});
});
