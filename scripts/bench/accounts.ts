import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { createApiToken } from '../../src/lib/server/auth/api-tokens';
import { createSession, SESSION_COOKIE } from '../../src/lib/server/auth/sessions';
import { createUser } from '../../src/lib/server/auth/user-admin';
import type { DB } from '../../src/lib/server/db/schema';

// Signed-in identities for the benchmarks, made through the same users code as the CLI and the
// admin pages: a leadership account (aggregates over every clinic) and a clinician of every
// clinic (worklist, intervals, patient pages). Each gets a session cookie and an API token.

export interface Identity {
	cookie: string;
	bearer: string;
}

export interface BenchAccounts {
	leadership: Identity;
	clinician: Identity;
	/** A patient code for the patient page and API (the patient with the most infusions). */
	patientCode: string;
	clinicName: string;
}

const actor = { name: 'bench', userId: null };

async function identity(
	db: Kysely<DB>,
	username: string,
	roles: ('leadership' | 'clinician')[],
	clinicIds: number[]
): Promise<Identity> {
	const password = randomBytes(18).toString('base64url');
	const userId = await createUser(db, { username, password, roles, clinicIds }, actor);
	// The server's idle limit is raised for the run (SESSION_IDLE_MINUTES), not the session here.
	const session = await createSession(db, userId, { now: new Date(), idleMinutes: 24 * 60 });
	const { token } = await createApiToken(db, userId, actor, 'bench');
	return { cookie: `${SESSION_COOKIE}=${session}`, bearer: `Bearer ${token}` };
}

export async function createBenchAccounts(db: Kysely<DB>): Promise<BenchAccounts> {
	const clinics = await db.selectFrom('clinics').select(['id', 'name']).orderBy('id').execute();
	if (clinics.length === 0) throw new Error('no clinics: import the data set first');
	const suffix = randomBytes(3).toString('hex');
	const leadership = await identity(db, `bench-lead-${suffix}`, ['leadership'], []);
	const clinician = await identity(
		db,
		`bench-clin-${suffix}`,
		['clinician'],
		clinics.map((c) => c.id)
	);
	const { rows } = await sql<{ code: string }>`
		select p.patient_code as code from patients p join infusions i on i.patient_id = p.id
		group by p.id, p.patient_code order by count(*) desc, p.patient_code limit 1`.execute(db);
	return { leadership, clinician, patientCode: rows[0].code, clinicName: clinics[0].name };
}
