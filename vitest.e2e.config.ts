import { defineConfig } from 'vitest/config';

// Browser tests run against an already built server (see tests/e2e/README.md).
export default defineConfig({
	test: {
		include: ['tests/e2e/**/*.test.ts'],
		environment: 'node',
		testTimeout: 120_000,
		hookTimeout: 180_000,
		fileParallelism: false,
		globalSetup: ['tests/e2e/global-setup.ts']
	}
});
