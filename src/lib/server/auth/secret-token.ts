import { createHash, randomBytes } from 'node:crypto';

// Session and API tokens are 32 random bytes; the database keeps only their SHA-256, so a copy
// of the database (or a backup) holds no usable credential. A fast hash is right here, unlike
// for passwords: the input is random with 256 bits of entropy, so there is nothing to guess.

export function newSecretToken(prefix = ''): string {
	return `${prefix}${randomBytes(32).toString('base64url')}`;
}

export function tokenHash(token: string): string {
	return createHash('sha256').update(token, 'utf8').digest('hex');
}
