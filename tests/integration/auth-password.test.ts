import { describe, expect, it } from 'vitest';
import {
	hashPassword,
	needsRehash,
	passwordProblem,
	verifyAgainstDummy,
	verifyPassword
} from '../../src/lib/server/auth/password';

// RFC 7914 section 12, third test vector: scrypt("pleaseletmein", "SodiumChloride", N=16384,
// r=8, p=1, dkLen=64). Written in this module's hash format, it must verify.
const RFC_KEY_HEX =
	'7023bdcb3afd7348461c06cd81fd38ebfda8fbba904f8e3ea9b543f6545da1f2' +
	'd5432955613f0fcf62d49705242a9af9e61e85dc0d651e40dfcf017b45575887';
const rfcHash = (key = RFC_KEY_HEX) =>
	`$scrypt$v=1$ln=14,r=8,p=1$${Buffer.from('SodiumChloride').toString('base64')}$${Buffer.from(key, 'hex').toString('base64')}`;

describe('password hashing (scrypt)', () => {
	it('verifies the RFC 7914 test vector, so the KDF and parameters are really scrypt', async () => {
		expect(await verifyPassword('pleaseletmein', rfcHash())).toBe(true);
		expect(await verifyPassword('pleaseletmeiN', rfcHash())).toBe(false);
		const flipped = RFC_KEY_HEX.slice(0, -1) + '6';
		expect(await verifyPassword('pleaseletmein', rfcHash(flipped))).toBe(false);
	});

	it('stores a versioned hash with N=2^15, r=8, p=1 and a fresh salt each time', async () => {
		const a = await hashPassword('correct horse battery');
		const b = await hashPassword('correct horse battery');
		expect(a).toMatch(/^\$scrypt\$v=1\$ln=15,r=8,p=1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
		expect(a).not.toBe(b);
		expect(a).not.toContain('correct horse');
		expect(await verifyPassword('correct horse battery', a)).toBe(true);
		expect(await verifyPassword('correct horse batterY', a)).toBe(false);
		expect(needsRehash(a)).toBe(false);
		expect(needsRehash(rfcHash())).toBe(true);
	});

	it.each([
		['empty', ''],
		['unknown scheme', '$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA'],
		['missing key', '$scrypt$v=1$ln=15,r=8,p=1$c2FsdHNhbHRzYWx0'],
		['absurd memory (tampered row)', `$scrypt$v=1$ln=30,r=8,p=1$c2FsdHNhbHRzYWx0$${'A'.repeat(44)}`]
	])('never verifies a malformed stored hash (%s)', async (_name, stored) => {
		expect(await verifyPassword('anything at all', stored)).toBe(false);
	});

	it('spends about the same time on the dummy check as on a real one', async () => {
		const real = await hashPassword('some long password');
		await verifyAgainstDummy('warm up the dummy hash');
		const time = async (run: () => Promise<unknown>) => {
			const start = performance.now();
			await run();
			return performance.now() - start;
		};
		const realMs = await time(() => verifyPassword('wrong password here', real));
		const dummyMs = await time(() => verifyAgainstDummy('wrong password here'));
		// Loose bounds (the CPU is shared): skipping the hash would take well under a millisecond.
		expect(dummyMs).toBeGreaterThan(realMs * 0.3);
		expect(await verifyAgainstDummy('x')).toBe(false);
	});

	it.each([
		['short', 'alice', 'abc123', /at least 10/],
		['contains the username', 'alice', 'alice-rocks-2026', /username/],
		['too long', 'alice', 'x'.repeat(257), /at most 256/],
		['acceptable', 'alice', 'purple-otter-lamp', null]
	])('password policy: %s', (_name, username, password, expected) => {
		const problem = passwordProblem(password, username);
		if (expected === null) expect(problem).toBeNull();
		else expect(problem).toMatch(expected);
	});
});
