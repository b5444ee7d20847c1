import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	server: { port: 3000 },
	test: {
		include: ['src/**/*.test.ts', 'tests/integration/**/*.test.ts'],
		environment: 'node',
		// PGlite instances take seconds to start; give database tests room.
		testTimeout: 60_000,
		hookTimeout: 120_000,
		server: { deps: { inline: ['kysely'] } }
	}
});
