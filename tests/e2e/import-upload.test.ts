import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { format, subDays } from 'date-fns';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	baseUrl,
	openBrowser,
	screenshot,
	sessionCookie,
	signIn,
	type BrowserSession
} from './support/browser';

// Issue 4 in the browser: an admin uploads files with errors and sees each error with its file,
// line and column, nothing written; then uploads a clean set, confirms, and the new patients are
// in the imports list and on the clinician's pages.

let browser: BrowserSession;
let folder: string;

const day = (daysAgo: number) => format(subDays(new Date(), daysAgo), 'yyyy-MM-dd');

/** Writes the files into their own folder under the test's temp folder; returns their paths. */
function writeSet(name: string, files: Record<string, string[]>): string[] {
	const dir = join(folder, name);
	mkdirSync(dir, { recursive: true });
	return Object.entries(files).map(([file, lines]) => {
		const path = join(dir, file);
		writeFileSync(path, lines.join('\n') + '\n');
		return path;
	});
}

const PATIENT_HEADER =
	'patient_code,clinic,clinician,primary_indication,age_band,sex,enrolled_on,discharged_on';
const INFUSION_HEADER = 'patient_code,administered_on,phase,dose_mg_per_kg';
const ASSESSMENT_HEADER = 'patient_code,instrument,administered_on,total,items';

async function uploadAndCheck(page: Page, paths: string[]): Promise<void> {
	await page.goto(`${baseUrl()}/admin/imports`);
	await page.locator('#files').setInputFiles(paths);
	await page.getByRole('button', { name: 'Upload and check' }).click();
	await page.locator('#report-heading').waitFor({ timeout: 30_000 });
}

beforeAll(async () => {
	folder = mkdtempSync(join(tmpdir(), 'io-e2e-import-'));
	browser = await openBrowser();
	await signIn(browser.page, 'admin');
});
afterAll(async () => {
	await browser?.close();
	rmSync(folder, { recursive: true, force: true });
});

describe('import upload', () => {
	it('shows every error with file, line and column, and writes nothing', async () => {
		const { page } = browser;
		const paths = writeSet('with-errors', {
			'patients.csv': [
				PATIENT_HEADER,
				`E2E-BAD-01,McLean,,depression,35-44,F,${day(40)},`,
				// Line 3: an age band the format does not know.
				`E2E-BAD-02,McLean,,depression,35-49,F,${day(40)},`
			],
			'infusions.csv': [
				INFUSION_HEADER,
				`E2E-BAD-01,${day(30)},induction,0.5`,
				// Line 3: 30 February is not a calendar date.
				'E2E-BAD-01,2025-02-30,induction,0.5'
			],
			// Line 2: PHQ-9 totals run 0-27.
			'assessments.csv': [ASSESSMENT_HEADER, `E2E-BAD-01,phq9,${day(30)},28,`]
		});
		await uploadAndCheck(page, paths);
		await expect(page.locator('.alert.error[role="status"]').textContent()).resolves.toContain(
			'Nothing was written'
		);
		const rows = await page
			.locator('table.errors tbody tr')
			.evaluateAll((trs) =>
				trs.map((tr) => [...tr.querySelectorAll('td')].slice(0, 3).map((td) => td.textContent))
			);
		expect(rows).toEqual(
			expect.arrayContaining([
				['patients.csv', '3', 'age_band'],
				['infusions.csv', '3', 'administered_on'],
				['assessments.csv', '2', 'total']
			])
		);
		expect(rows).toHaveLength(3);
		// A rejected check offers nothing to confirm.
		await expect(page.getByRole('button', { name: 'Import these files' }).count()).resolves.toBe(0);
		await screenshot(page, 'import-upload-errors');
		const api = await fetch(`${baseUrl()}/api/v1/patients/E2E-BAD-01`, {
			headers: { cookie: await sessionCookie('clinician') }
		});
		expect(api.status).toBe(404);
	});

	it('checks a clean set, imports it on confirmation, and the patients are there', async () => {
		const { page } = browser;
		// Patient 1: six induction infusions two or three days apart, a booster 24 days later, and a
		// PHQ-9 (items given) before each. Baseline 20; the booster-day score 9 is the post-induction
		// score (domain.md s.3: an assessment on B1's date counts), so change -11.
		const infusionDays = [60, 58, 56, 53, 51, 49, 25];
		const phq9 = [
			[20, '3;3;2;2;2;2;2;2;2'],
			[17, '2;2;2;2;2;2;2;2;1'],
			[15, '2;2;2;2;2;2;1;1;1'],
			[12, '2;2;2;1;1;1;1;1;1'],
			[10, '2;1;1;1;1;1;1;1;1'],
			[8, '1;1;1;1;1;1;1;1;0'],
			[9, '2;1;1;1;1;1;1;1;0']
		] as const;
		const paths = writeSet('clean', {
			'patients.csv': [
				PATIENT_HEADER,
				`E2E-NEW-01,McLean,,depression,35-44,F,${day(62)},`,
				`E2E-NEW-02,McLean,,anxiety,25-34,,${day(20)},`
			],
			'infusions.csv': [
				INFUSION_HEADER,
				...infusionDays.map(
					(d, i) => `E2E-NEW-01,${day(d)},${i < 6 ? 'induction' : 'booster'},0.5`
				),
				`E2E-NEW-02,${day(15)},induction,`,
				`E2E-NEW-02,${day(12)},induction,0.75`
			],
			'assessments.csv': [
				ASSESSMENT_HEADER,
				...infusionDays.map((d, i) => `E2E-NEW-01,phq9,${day(d)},${phq9[i][0]},${phq9[i][1]}`),
				`E2E-NEW-02,gad7,${day(15)},14,`
			]
		});
		await uploadAndCheck(page, paths);
		await expect(page.locator('.alert[role="status"]').textContent()).resolves.toContain(
			'Nothing has been written yet'
		);
		const counts = await page
			.locator('#report-heading ~ table tbody tr')
			.evaluateAll((trs) =>
				trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent?.trim()))
			);
		// File, rows, new, updated, unchanged, repeated.
		expect(counts).toEqual(
			expect.arrayContaining([
				['patients.csv', '2', '2', '0', '0', '0'],
				['infusions.csv', '9', '9', '0', '0', '0'],
				['assessments.csv', '8', '8', '0', '0', '0']
			])
		);
		await Promise.all([
			page.locator('.alert.success').waitFor({ timeout: 30_000 }),
			page.getByRole('button', { name: 'Import these files' }).click()
		]);
		await expect(page.locator('.alert.success').textContent()).resolves.toContain('Imported.');

		// The list of past imports (newest first) shows the commit with its files and 19 new rows.
		await page.goto(`${baseUrl()}/admin/imports`);
		const latest = page.locator('section[aria-labelledby="history-heading"] tbody tr').first();
		await expect(latest.locator('.badge').textContent()).resolves.toBe('committed');
		await expect(latest.textContent()).resolves.toMatch(/patients\.csv.*infusions\.csv/s);
		await expect(latest.locator('td').nth(5).textContent()).resolves.toBe('19');
		await screenshot(page, 'import-upload-committed');

		// A clinician of McLean reaches the new patient: the API's outcome and the worklist search.
		const cookie = await sessionCookie('clinician');
		const api = await fetch(`${baseUrl()}/api/v1/patients/E2E-NEW-01`, { headers: { cookie } });
		expect(api.status).toBe(200);
		const detail = (await api.json()) as {
			courses: {
				instruments: Record<string, { baseline: number; post: number; change: number }>;
			}[];
		};
		expect(detail.courses).toHaveLength(1);
		expect(detail.courses[0].instruments.phq9).toMatchObject({
			baseline: 20,
			post: 9,
			change: -11
		});
		const worklist = await fetch(`${baseUrl()}/patients?q=E2E-NEW`, { headers: { cookie } });
		const html = await worklist.text();
		expect(html).toContain('E2E-NEW-01');
		expect(html).toContain('E2E-NEW-02');
		// Another clinic's clinician does not.
		const other = await fetch(`${baseUrl()}/patients/E2E-NEW-01`, {
			headers: { cookie: await sessionCookie('clinician2') }
		});
		expect(other.status).toBe(403);
	});
});
