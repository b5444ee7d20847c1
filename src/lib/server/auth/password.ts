import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

// Passwords are stored as scrypt hashes in a self-describing, versioned string:
//   $scrypt$v=1$ln=15,r=8,p=1$<salt base64>$<key base64>
// scrypt is memory-hard (128 * N * r bytes, 32 MiB here), so guessing on GPUs stays expensive.
// N = 2^15, r = 8, p = 1 follows OWASP's password storage guidance for scrypt. The parameters
// travel with each hash, so they can be raised later and old hashes still verify (and are
// re-hashed on the next sign-in, see needsRehash).

export const CURRENT_PARAMS = { logN: 15, r: 8, p: 1 } as const;
const KEY_BYTES = 32;
const SALT_BYTES = 16;
const PREFIX = '$scrypt$v=1$';

// Bounds on parameters read back from the database, so that a tampered row cannot make a
// sign-in allocate gigabytes.
const LIMITS = { logN: [10, 20], r: [1, 32], p: [1, 16] } as const;

export const PASSWORD_MIN_LENGTH = 10;
/** scrypt accepts any length; the cap only keeps request bodies and work bounded. */
export const PASSWORD_MAX_LENGTH = 256;

interface ScryptParams {
	logN: number;
	r: number;
	p: number;
}

function derive(password: string, salt: Buffer, params: ScryptParams, keyLength: number) {
	const N = 2 ** params.logN;
	// OpenSSL needs 128 * r * (N + 2 + p) bytes; the margin keeps it from refusing at the edge.
	const maxmem = 128 * params.r * (N + 2 + params.p) + 1024 * 1024;
	const options: ScryptOptions = { N, r: params.r, p: params.p, maxmem };
	return new Promise<Buffer>((resolve, reject) =>
		scrypt(password.normalize('NFKC'), salt, keyLength, options, (err, key) =>
			err ? reject(err) : resolve(key)
		)
	);
}

export async function hashPassword(password: string): Promise<string> {
	const salt = randomBytes(SALT_BYTES);
	const key = await derive(password, salt, CURRENT_PARAMS, KEY_BYTES);
	const { logN, r, p } = CURRENT_PARAMS;
	return `${PREFIX}ln=${logN},r=${r},p=${p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

interface ParsedHash {
	params: ScryptParams;
	salt: Buffer;
	key: Buffer;
}

function parseHash(stored: string): ParsedHash | null {
	if (!stored.startsWith(PREFIX)) return null;
	const [paramText, saltText, keyText, ...rest] = stored.slice(PREFIX.length).split('$');
	if (!paramText || !saltText || !keyText || rest.length > 0) return null;
	const match = /^ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})$/.exec(paramText);
	if (!match) return null;
	const params = { logN: Number(match[1]), r: Number(match[2]), p: Number(match[3]) };
	for (const name of ['logN', 'r', 'p'] as const) {
		const [min, max] = LIMITS[name];
		if (params[name] < min || params[name] > max) return null;
	}
	const key = Buffer.from(keyText, 'base64');
	const salt = Buffer.from(saltText, 'base64');
	if (key.length < 16 || key.length > 128 || salt.length < 8) return null;
	return { params, salt, key };
}

/** Constant-time comparison; a malformed stored hash never verifies. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
	const parsed = parseHash(stored);
	if (!parsed) return false;
	const candidate = await derive(password, parsed.salt, parsed.params, parsed.key.length);
	return timingSafeEqual(candidate, parsed.key);
}

/** True when the hash was made with other parameters than today's (or cannot be read). */
export function needsRehash(stored: string): boolean {
	const parsed = parseHash(stored);
	if (!parsed) return true;
	const { logN, r, p } = parsed.params;
	return (
		logN !== CURRENT_PARAMS.logN ||
		r !== CURRENT_PARAMS.r ||
		p !== CURRENT_PARAMS.p ||
		parsed.key.length !== KEY_BYTES
	);
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the same work as a real check, for sign-ins of unknown users: without it the response
 * time would tell an attacker which usernames exist. (The cached hash is of a random secret, so
 * nothing verifies against it.)
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
	dummyHash ??= hashPassword(randomBytes(24).toString('base64'));
	await verifyPassword(password, await dummyHash);
	return false;
}

/** Why a new password is refused, or null when it is acceptable. */
export function passwordProblem(password: string, username?: string): string | null {
	if (password.length < PASSWORD_MIN_LENGTH) {
		return `The password must have at least ${PASSWORD_MIN_LENGTH} characters.`;
	}
	if (password.length > PASSWORD_MAX_LENGTH) {
		return `The password must have at most ${PASSWORD_MAX_LENGTH} characters.`;
	}
	if (username && password.toLowerCase().includes(username.toLowerCase())) {
		return 'The password must not contain the username.';
	}
	return null;
}
