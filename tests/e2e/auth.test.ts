import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	baseUrl,
	demoPassword,
	openBrowser,
	screenshot,
	signIn,
	type BrowserSession
} from './support/browser';

// Signing in and out in a real browser, the wrong-password message, and the lock after
// repeated failures (on an account made through the admin page, so the demo accounts that
// other tests use are never locked).

const WRONG = 'The username or password is not correct.';
const LOCKED = /Too many failed sign-ins/;

let browser: BrowserSession;
beforeAll(async () => {
	browser = await openBrowser();
});
afterAll(() => browser?.close());

async function attempt(username: string, password: string): Promise<string> {
	const { page } = browser;
	await page.goto(`${baseUrl()}/login`);
	await page.getByLabel('Username').fill(username);
	await page.getByLabel('Password').fill(password);
	await Promise.all([
		page.waitForURL((url) => url.pathname === '/login' && url.search === ''),
		page.getByRole('button', { name: 'Sign in' }).click()
	]);
	return page.getByRole('alert').innerText();
}

async function signOut(): Promise<void> {
	const { page } = browser;
	await Promise.all([
		page.waitForURL((url) => url.pathname === '/login'),
		page.getByRole('button', { name: 'Sign out' }).click()
	]);
}

describe('sign-in in the browser', () => {
	it('returns to the requested page after sign-in, and signs out', async () => {
		const { page } = browser;
		await page.goto(`${baseUrl()}/outcomes`);
		expect(new URL(page.url()).pathname).toBe('/login');
		expect(new URL(page.url()).searchParams.get('next')).toBe('/outcomes');
		await page.getByLabel('Username').fill('leadership');
		await page.getByLabel('Password').fill(demoPassword());
		await Promise.all([
			page.waitForURL((url) => url.pathname === '/outcomes'),
			page.getByRole('button', { name: 'Sign in' }).click()
		]);
		await signOut();
		await page.goto(`${baseUrl()}/outcomes`);
		expect(new URL(page.url()).pathname).toBe('/login');
	});

	it('says the same thing for a wrong password and an unknown user', async () => {
		const { page } = browser;
		expect(await attempt('clinician', 'not-the-password')).toBe(WRONG);
		// The username stays filled in; the password does not.
		await expect(page.getByLabel('Username').inputValue()).resolves.toBe('clinician');
		await expect(page.getByLabel('Password').inputValue()).resolves.toBe('');
		await expect(page.getByLabel('Password').getAttribute('aria-describedby')).resolves.toBe(
			'sign-in-error'
		);
		await screenshot(page, 'login-wrong-password');
		expect(await attempt('no-such-person', 'not-the-password')).toBe(WRONG);
		// A correct sign-in afterwards clears the failure count of the real account.
		await signIn(page, 'clinician');
		await signOut();
	});

	it('locks an account after five failures, even for the right password', async () => {
		const { page, errors } = browser;
		await signIn(page, 'admin');
		await page.goto(`${baseUrl()}/admin/users`);
		await page.getByLabel('Username').fill('e2e-lockout');
		await page.getByLabel('Initial password').fill('harbour-lights-2026');
		await page.getByRole('checkbox', { name: /^leadership/ }).check();
		await Promise.all([
			page.waitForURL((url) => url.search === '?/create'),
			page.getByRole('button', { name: 'Create account' }).click()
		]);
		await expect(page.locator('.alert.success').innerText()).resolves.toBe('Created e2e-lockout.');
		await signOut();

		const messages = [];
		for (let i = 0; i < 5; i++) messages.push(await attempt('e2e-lockout', `wrong-guess-${i}`));
		expect(messages.slice(0, 4)).toEqual(Array(4).fill(WRONG));
		expect(messages[4]).toMatch(LOCKED);
		expect(await attempt('e2e-lockout', 'harbour-lights-2026')).toMatch(LOCKED);
		expect(new URL(page.url()).pathname).toBe('/login');
		await screenshot(page, 'login-locked');
		expect(errors.filter((e) => !/status of 4\d\d/.test(e))).toEqual([]);
	});
});
