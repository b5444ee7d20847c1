import { readFileSync } from 'node:fs';
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
import { DEFINITIONS_VERSION } from '../../src/lib/definitions';

// Leadership views (issue 7) against the built server with the seeded demo clinics: filters and
// compare-by in the URL, charts drawn, tiles equal to the API's numbers, printing, no patient data.

let browser: BrowserSession;
let cookie: string;
let patientCodes: string[] = [];

interface ApiRate {
	count: number | null;
	rate: number | null;
}
interface ApiInduction {
	courses_started: number | null;
	response: ApiRate;
	remission: ApiRate;
	change: { mean: number | null };
}

async function api<T>(path: string): Promise<T> {
	const response = await fetch(`${baseUrl()}${path}`, { headers: { cookie } });
	expect(response.status).toBe(200);
	return (await response.json()) as T;
}

const tile = (page: Page, label: string) => page.locator(`[data-tile="${label}"]`).innerText();
const percent = (rate: number | null) => (rate === null ? '–' : `${(rate * 100).toFixed(1)}%`);

async function expectTilesEqualApi(page: Page, query: string) {
	const numbers = await api<ApiInduction>(`/api/v1/outcomes/induction?${query}`);
	expect(numbers.courses_started).toBeGreaterThan(0);
	expect(await tile(page, 'Courses started')).toBe(
		numbers.courses_started!.toLocaleString('en-US')
	);
	expect(await tile(page, 'Response')).toBe(percent(numbers.response.rate));
	expect(await tile(page, 'Remission')).toBe(percent(numbers.remission.rate));
	expect(await tile(page, 'Mean change')).toBe(`${numbers.change.mean!.toFixed(1)} pts`);
}

beforeAll(async () => {
	browser = await openBrowser();
	cookie = await sessionCookie('leadership');
	// Real patient codes, as a clinician sees them, to prove they never reach leadership pages.
	const clinician = await sessionCookie('clinician');
	const html = await (
		await fetch(`${baseUrl()}/patients`, { headers: { cookie: clinician } })
	).text();
	patientCodes = [...html.matchAll(/href="\/patients\/([^"/?]+)"/g)].map((m) =>
		decodeURIComponent(m[1])
	);
	await signIn(browser.page, 'leadership');
});
afterAll(() => browser?.close());

describe('leadership outcomes page', () => {
	it('draws the charts and shows tiles equal to the API', async () => {
		const { page } = browser;
		await page.goto(`${baseUrl()}/outcomes?instrument=phq9`);
		await waitForCharts(page, 2);
		await expectTilesEqualApi(page, 'instrument=phq9');
		await screenshot(page, 'leadership-outcomes-1280');
	});

	it('applies filters and compare-by from the filter bar, kept in the URL', async () => {
		const { page } = browser;
		await page.goto(`${baseUrl()}/outcomes`);
		await page.locator('summary', { hasText: 'Clinic' }).first().click();
		await page.getByLabel('Bethesda').check();
		await page.getByLabel('Compare by').selectOption('indication');
		await Promise.all([
			page.waitForURL(/by=indication/),
			page.getByRole('button', { name: 'Apply', exact: true }).click()
		]);
		expect(page.url()).toContain('clinic=Bethesda');
		await waitForCharts(page, 2);
		// Tiles are the whole filtered cohort: the API without `by`.
		await expectTilesEqualApi(page, 'instrument=phq9&clinic=Bethesda');
		const headers = await page.locator('table.cohort thead th').allInnerTexts();
		expect(headers[1]).toBe('All courses');
		expect(headers.length).toBeGreaterThan(2);
		// A reload restores the same view.
		await page.reload();
		await expect(page.getByLabel('Compare by').inputValue()).resolves.toBe('indication');
	});

	it('shows the % change view and the benchmarks with their definitions', async () => {
		const { page } = browser;
		await page.goto(`${baseUrl()}/outcomes?instrument=phq9&view=pct&benchmarks=1`);
		await waitForCharts(page, 2);
		await expect(page.getByText('% change from baseline').first().isVisible()).resolves.toBe(true);
		await expect(page.getByText(/Not like for like/).isVisible()).resolves.toBe(true);
		await expect(
			page
				.getByText(/4-8 infusions in 7-28 days/)
				.first()
				.isVisible()
		).resolves.toBe(true);
	});

	it('downloads a panel as CSV headed by its filters, as-of date and definitions', async () => {
		const { page } = browser;
		await page.goto(`${baseUrl()}/outcomes?instrument=phq9&clinic=Bethesda&as_of=2026-06-30`);
		await waitForCharts(page, 2);
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('button', { name: 'Download Cohort table as CSV' }).click()
		]);
		expect(download.suggestedFilename()).toBe('cohort-table-as-of-2026-06-30.csv');
		const text = readFileSync((await download.path())!, 'utf8');
		const lines = text.split('\r\n');
		expect(lines[0]).toBe('# Infusion Outcomes: Cohort table');
		expect(lines[1]).toBe('# filters: instrument=phq9; clinic=Bethesda; as_of=2026-06-30');
		expect(lines[2]).toBe('# as_of: 2026-06-30');
		expect(lines[3]).toBe(`# definitions_version: ${DEFINITIONS_VERSION}`);
		const header = lines.find((l) => l.startsWith('group,'))!.split(',');
		const all = lines.find((l) => l.startsWith('all,'))!.split(',');
		const numbers = await api<ApiInduction>(
			'/api/v1/outcomes/induction?instrument=phq9&clinic=Bethesda&as_of=2026-06-30'
		);
		// Unrounded in the file: the same rate the API answers with.
		expect(Number(all[header.indexOf('response_rate')])).toBe(numbers.response.rate);
	});

	it('explains invalid filters instead of failing', async () => {
		const { page } = browser;
		const response = await page.goto(`${baseUrl()}/outcomes?as_of=2024-02-30`);
		expect(response?.status()).toBe(200);
		await expect(page.getByRole('alert').innerText()).resolves.toMatch(/as_of/);
	});

	it("compared by clinic, shows the whole cohort's tiles as the API gives them without by", async () => {
		// The page takes the whole cohort's figures and the clinics' from one query.
		const { page } = browser;
		await page.goto(`${baseUrl()}/outcomes?instrument=phq9&by=clinic`);
		await waitForCharts(page, 2);
		await expectTilesEqualApi(page, 'instrument=phq9');
		await screenshot(page, 'leadership-outcomes-by-clinic-1280');
	});

	it('prints the whole page to a multi-page PDF with filters and methods', async () => {
		const { page } = browser;
		await page.goto(`${baseUrl()}/outcomes?instrument=phq9&by=clinic`);
		await waitForCharts(page, 2);
		await page.emulateMedia({ media: 'print' });
		await expect(page.getByText('Methods summary').isVisible()).resolves.toBe(true);
		await page.emulateMedia({ media: 'screen' });
		const pdf = await page.pdf({ format: 'A4', printBackground: true });
		expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
		const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
		expect(pages.length).toBeGreaterThanOrEqual(2);
	});
});

describe('leadership booster page', () => {
	it('draws survival, box plot and activity charts, compared by clinic', async () => {
		const { page } = browser;
		await page.goto(`${baseUrl()}/boosters?by=clinic`);
		await waitForCharts(page, 4);
		await expect(
			page
				.getByText(/Log-rank χ²/)
				.first()
				.isVisible()
		).resolves.toBe(true);
		await expect(page.locator('.nar, table').first().isVisible()).resolves.toBe(true);
		await screenshot(page, 'leadership-boosters-1280');
	});
});

describe('no patient-level data for leadership', () => {
	it('cannot open the patient pages', async () => {
		const response = await fetch(`${baseUrl()}/patients`, {
			headers: { cookie },
			redirect: 'manual'
		});
		expect(response.status).toBe(403);
		if (patientCodes[0]) {
			const one = await fetch(`${baseUrl()}/api/v1/patients/${patientCodes[0]}`, {
				headers: { cookie }
			});
			expect(one.status).toBe(403);
		}
	});

	it.each(['/outcomes?by=clinic', '/boosters?by=clinician', '/methods'])(
		'%s carries no patient code in its HTML or data',
		async (path) => {
			expect(patientCodes.length).toBeGreaterThan(0);
			const html = await (await fetch(`${baseUrl()}${path}`, { headers: { cookie } })).text();
			const data = await (
				await fetch(`${baseUrl()}${path.split('?')[0]}/__data.json?${path.split('?')[1] ?? ''}`, {
					headers: { cookie }
				})
			).text();
			for (const code of patientCodes) {
				expect(html).not.toContain(code);
				expect(data).not.toContain(code);
			}
			expect(html).not.toMatch(/patient_code|patient_id/);
			expect(data).not.toMatch(/patient_code|patient_id/);
		}
	);
});

describe('accessibility and layout', () => {
	it.each(['/outcomes', '/boosters', '/methods'])(
		'%s has no serious or critical axe violations',
		async (path) => {
			const { page } = browser;
			await page.goto(`${baseUrl()}${path}`);
			if (path !== '/methods') await waitForCharts(page, 1);
			const results = await new AxeBuilder({ page }).analyze();
			const serious = results.violations.filter(
				(v) => v.impact === 'serious' || v.impact === 'critical'
			);
			expect(
				serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
			).toEqual([]);
		}
	);

	it('fits an 820 px window without horizontal overflow', async () => {
		const narrow = await openBrowser({ width: 820, height: 1000 });
		try {
			await signIn(narrow.page, 'leadership');
			for (const [path, charts] of [
				['/outcomes', 2],
				['/boosters', 4]
			] as const) {
				await narrow.page.goto(`${baseUrl()}${path}`);
				await waitForCharts(narrow.page, charts);
				const overflow = await narrow.page.evaluate(
					() => document.documentElement.scrollWidth > window.innerWidth
				);
				expect(overflow).toBe(false);
				await screenshot(narrow.page, `leadership${path.replace('/', '-')}-820`);
			}
			expect(narrow.errors).toEqual([]);
		} finally {
			await narrow.close();
		}
	});

	it('left no console errors', () => {
		expect(browser.errors).toEqual([]);
	});
});
