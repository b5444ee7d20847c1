import { z } from 'zod';

// The environment, parsed once. A bad variable is named, its value never echoed (it may be a
// connection string with a password in it).

const schema = z.object({
	DATABASE_URL: z
		.string()
		.regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
		.optional(),
	DATA_DIR: z.string().min(1).default('./data'),
	SMALL_CELL_MIN: z.coerce.number().int().min(1).max(1000).default(11),
	SESSION_IDLE_MINUTES: z.coerce
		.number()
		.int()
		.min(1)
		.max(24 * 60)
		.default(30),
	DEMO_PATIENTS: z.coerce.number().int().min(0).max(1_000_000).default(500),
	DEMO_SEED: z.coerce.number().int().default(42),
	DEMO: z.enum(['auto', 'off']).default('auto'),
	AGGREGATE_CACHE: z.enum(['on', 'off']).default('on')
});

export type Config = z.infer<typeof schema>;

export class ConfigError extends Error {}

export function parseConfig(env: Record<string, string | undefined>): Config {
	const present = Object.fromEntries(
		Object.entries(env).filter(([, v]) => v !== undefined && v !== '')
	);
	const result = schema.safeParse(present);
	if (!result.success) {
		const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
		throw new ConfigError(`Invalid environment: ${problems.join('; ')}`);
	}
	return result.data;
}

let cached: Config | undefined;

/** The process environment's configuration, parsed on first use. */
export function config(): Config {
	cached ??= parseConfig(process.env);
	return cached;
}
