import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, test } from 'vitest';

// Chart.js and its plugins stay out of the pages' initial JavaScript (issue 8): only setup.ts
// imports them at runtime, and only Chart.svelte loads setup.ts, with a dynamic import().
// Everything else may import their types (`import type`), which leaves nothing in the bundle.

const SRC = join(import.meta.dirname, '../..');
const CHART_PACKAGES = /^(chart\.js(\/.*)?|chartjs-.+|@sgratzl\/chartjs-.+)$/;
const SETUP = /(^|\/)charts\/setup(\.ts)?$|^\.\/setup(\.ts)?$/;

function clientFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return entry.name === 'server' ? [] : clientFiles(path);
		const source = /\.(ts|svelte)$/.test(entry.name) && !/\.(test|server)\.ts$/.test(entry.name);
		return source ? [path] : [];
	});
}

/** Static imports that stay in the bundle: not `import type`, with at least one value binding. */
function runtimeImports(source: string): string[] {
	const found: string[] = [];
	for (const match of source.matchAll(/^\s*import\s+(?!type\s)([\s\S]*?)\s*from\s*'([^']+)'/gm)) {
		const bindings = match[1].replace(/[{}\s]/g, '');
		const allTypes =
			match[1].trim().startsWith('{') &&
			bindings.split(',').every((b) => b === '' || b.startsWith('type'));
		if (!allTypes) found.push(match[2]);
	}
	for (const match of source.matchAll(/^\s*import\s+'([^']+)'/gm)) found.push(match[1]);
	return found;
}

test('no client module imports Chart.js, its plugins or setup.ts statically', () => {
	const offenders = clientFiles(SRC).flatMap((path) => {
		const name = relative(SRC, path);
		const imports = runtimeImports(readFileSync(path, 'utf8')).filter(
			(i) => SETUP.test(i) || (CHART_PACKAGES.test(i) && name !== join('lib', 'charts', 'setup.ts'))
		);
		return imports.map((i) => `${name} imports ${i}`);
	});
	expect(offenders).toEqual([]);
});

test('the import check sees value imports and ignores type-only ones', () => {
	const source = [
		"import type { Chart } from 'chart.js';",
		"import { type Plugin, type ChartType } from 'chart.js';",
		"import { Chart as C } from 'chart.js';",
		"import annotationPlugin from 'chartjs-plugin-annotation';",
		"import 'chartjs-adapter-date-fns';",
		"\timport { registerCharts } from './setup';"
	].join('\n');
	expect(runtimeImports(source)).toEqual([
		'chart.js',
		'chartjs-plugin-annotation',
		'./setup',
		'chartjs-adapter-date-fns'
	]);
});

test('Chart.svelte loads setup.ts with a dynamic import', () => {
	const source = readFileSync(join(SRC, 'lib/charts/Chart.svelte'), 'utf8');
	expect(source).toMatch(/import\('\.\/setup'\)/);
});
