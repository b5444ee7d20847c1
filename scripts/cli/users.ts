import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import type { Kysely } from 'kysely';
import { createApiToken, revokeApiTokens } from '../../src/lib/server/auth/api-tokens';
import {
	clinicIdsByName,
	createUser,
	resetPassword,
	setAccess,
	setDisabled,
	UserInputError,
	type Actor
} from '../../src/lib/server/auth/user-admin';
import { findUserId, listUsers, ROLES } from '../../src/lib/server/auth/users';
import type { DB, Role } from '../../src/lib/server/db/schema';
import { runCli, withCliDatabase } from './cli-database';

// npm run users -- <command>: accounts and API tokens on the configured database. Passwords are
// read from standard input (without echo on a terminal; piped input works for scripts), never
// from arguments, which other users of the machine can see in the process list.

const USAGE = `Usage: npm run users -- <command>
  add <username> --role <role> [--role <role>] [--clinic <name>]...   (password from stdin)
  roles <username> --role <role> [--role <role>] [--clinic <name>]...
  reset-password <username>                                           (password from stdin)
  disable <username> | enable <username>
  token <username> [--label <text>]     prints a new API token as its last line
  revoke-tokens <username>
  list
Roles: ${ROLES.join(', ')}`;

const COMMANDS = [
	'add',
	'roles',
	'reset-password',
	'disable',
	'enable',
	'token',
	'revoke-tokens',
	'list'
];

const actor: Actor = { name: `cli:${userInfo().username}`, userId: null };

async function readPassword(prompt: string): Promise<string> {
	const stdin = process.stdin;
	if (!stdin.isTTY) {
		// Piped: the first line is the password (a trailing newline is not part of it).
		let text = '';
		for await (const chunk of stdin) text += String(chunk);
		return text.split(/\r?\n/)[0];
	}
	process.stderr.write(prompt);
	stdin.setRawMode(true);
	stdin.resume();
	stdin.setEncoding('utf8');
	return new Promise((resolve, reject) => {
		let typed = '';
		const onData = (key: string) => {
			for (const char of key) {
				if (char === '\r' || char === '\n') {
					finish();
					return resolve(typed);
				}
				if (char === '\u0003') {
					finish();
					return reject(new UserInputError('Cancelled.'));
				}
				if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1);
				else typed += char;
			}
		};
		const finish = () => {
			stdin.off('data', onData);
			stdin.setRawMode(false);
			stdin.pause();
			process.stderr.write('\n');
		};
		stdin.on('data', onData);
	});
}

async function newPassword(): Promise<string> {
	const password = await readPassword('New password: ');
	if (process.stdin.isTTY && (await readPassword('Repeat it: ')) !== password) {
		throw new UserInputError('The passwords differ.');
	}
	return password;
}

async function userIdOf(db: Kysely<DB>, username: string | undefined): Promise<number> {
	if (!username) throw new UserInputError('Name a user.');
	const id = await findUserId(db, username);
	if (id === null) throw new UserInputError(`No user named ${username}.`);
	return id;
}

function rolesOf(values: string[] | undefined): Role[] {
	const roles = values ?? [];
	const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
	if (unknown.length > 0) throw new UserInputError(`Unknown role: ${unknown.join(', ')}.`);
	return roles as Role[];
}

type Options = { role?: string[]; clinic?: string[]; label?: string };

async function run(db: Kysely<DB>, command: string, name: string | undefined, options: Options) {
	switch (command) {
		case 'add': {
			if (!name) throw new UserInputError('Name the new user.');
			const roles = rolesOf(options.role);
			const clinicIds = await clinicIdsByName(db, options.clinic ?? []);
			const password = await newPassword();
			await createUser(db, { username: name, password, roles, clinicIds }, actor);
			return console.log(`Created ${name.toLowerCase()} (${roles.join(', ')}).`);
		}
		case 'roles': {
			const id = await userIdOf(db, name);
			const clinicIds = await clinicIdsByName(db, options.clinic ?? []);
			await setAccess(db, id, { roles: rolesOf(options.role), clinicIds }, actor);
			return console.log(`Updated the roles and clinics of ${name}.`);
		}
		case 'reset-password': {
			const id = await userIdOf(db, name);
			await resetPassword(db, id, await newPassword(), actor);
			return console.log(`Reset the password of ${name}; their sessions were ended.`);
		}
		case 'disable':
		case 'enable': {
			await setDisabled(db, await userIdOf(db, name), command === 'disable', actor);
			return console.log(`${command === 'disable' ? 'Disabled' : 'Enabled'} ${name}.`);
		}
		case 'token': {
			const id = await userIdOf(db, name);
			const { token } = await createApiToken(db, id, actor, options.label ?? null);
			console.error(
				`New API token for ${name} (shown once; send it as "Authorization: Bearer <token>"):`
			);
			return console.log(token);
		}
		case 'revoke-tokens': {
			const count = await revokeApiTokens(db, await userIdOf(db, name), actor);
			return console.log(`Revoked ${count} token(s) of ${name}.`);
		}
		case 'list': {
			for (const u of await listUsers(db)) {
				const state = u.disabled ? 'disabled' : u.lockedUntil ? 'locked' : 'active';
				const clinics = u.clinics.map((c) => c.name).join(', ') || '-';
				console.log(
					`${u.username}\t${u.roles.join(',')}\t${clinics}\t${state}\ttokens: ${u.activeTokens}`
				);
			}
			return;
		}
		default:
			throw new UsageError();
	}
}

class UsageError extends Error {}

runCli(async () => {
	let parsed;
	try {
		parsed = parseArgs({
			allowPositionals: true,
			options: {
				role: { type: 'string', multiple: true },
				clinic: { type: 'string', multiple: true },
				label: { type: 'string' }
			}
		});
	} catch (e) {
		console.error(`${e instanceof Error ? e.message : e}\n${USAGE}`);
		return 2;
	}
	const [command, name, ...extra] = parsed.positionals;
	if (!command || !COMMANDS.includes(command) || extra.length > 0) {
		console.error(USAGE);
		return 2;
	}
	return withCliDatabase(`npm run users -- ${command}`, async ({ db }) => {
		try {
			await run(db, command, name, parsed.values);
			return 0;
		} catch (e) {
			if (e instanceof UsageError) {
				console.error(USAGE);
				return 2;
			}
			if (e instanceof UserInputError) {
				console.error(e.message);
				return 1;
			}
			throw e;
		}
	});
});
