import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { inject } from 'vitest';

// Debian's chromium, a fresh profile per context, and no background network (the machine has
// none, and Chromium would otherwise log refused connections).
const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];

export interface BrowserSession {
	context: BrowserContext;
	page: Page;
	/** Console errors and page errors seen so far. */
	errors: string[];
	close(): Promise<void>;
}

export async function openBrowser(
	viewport = { width: 1280, height: 900 }
): Promise<BrowserSession> {
	const profile = mkdtempSync(join(tmpdir(), 'io-e2e-profile-'));
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: CHROMIUM_ARGS,
		viewport,
		acceptDownloads: true
	});
	const page = context.pages()[0] ?? (await context.newPage());
	const errors: string[] = [];
	page.on('console', (message) => {
		if (message.type() === 'error') errors.push(message.text());
	});
	page.on('pageerror', (error) => errors.push(error.message));
	return {
		context,
		page,
		errors,
		close: async () => {
			await context.close();
			rmSync(profile, { recursive: true, force: true });
		}
	};
}

export const baseUrl = () => inject('baseUrl');
export const demoPassword = () => inject('demoPassword');

export async function signIn(
	page: Page,
	username: string,
	password = demoPassword()
): Promise<void> {
	await page.goto(`${baseUrl()}/login`);
	await page.getByLabel('Username').fill(username);
	await page.getByLabel('Password').fill(password);
	await Promise.all([
		page.waitForURL((url) => !url.pathname.startsWith('/login')),
		page.getByRole('button', { name: /sign in/i }).click()
	]);
}

export async function screenshot(page: Page, name: string): Promise<string> {
	const dir = inject('screenshotDir');
	mkdirSync(dir, { recursive: true });
	const path = join(dir, `${name}.png`);
	await page.screenshot({ path, fullPage: true });
	return path;
}

/** Waits until every chart on the page has drawn (Chart.svelte sets data-chart-ready). */
export async function waitForCharts(page: Page, minimum = 1): Promise<number> {
	await page.waitForFunction(
		(min) => document.querySelectorAll('[data-chart-ready="true"]').length >= min,
		minimum,
		{ timeout: 30_000 }
	);
	return page.locator('[data-chart-ready="true"]').count();
}

/** Signs in over HTTP (no browser) and returns the session cookie header for fetch. */
export async function sessionCookie(username: string, password = demoPassword()): Promise<string> {
	const response = await fetch(`${baseUrl()}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin: baseUrl() },
		body: new URLSearchParams({ username, password })
	});
	const cookie = response.headers.getSetCookie().find((c) => c.startsWith('session='));
	if (!cookie) throw new Error(`Signing in as ${username} failed (status ${response.status})`);
	return cookie.split(';')[0];
}
