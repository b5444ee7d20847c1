import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT } from './server';

// Page weight from the build: for each page route, the client chunks it loads (the entry, its
// layouts' and page's nodes, and their static imports, as the HTML preloads them) and the CSS
// they carry, gzip-compressed. Chunks loaded later by dynamic import() are counted separately.
// Target (issue 8): each page's JavaScript <= 150 KB gzip.

export const PAGE_JS_LIMIT_BYTES = 150 * 1024;

interface ManifestChunk {
	file: string;
	name?: string;
	isEntry?: boolean;
	imports?: string[];
	dynamicImports?: string[];
	css?: string[];
}

export interface PageWeight {
	route: string;
	jsGzip: number;
	cssGzip: number;
	lazyJsGzip: number;
	files: number;
}

const CLIENT = join(ROOT, '.svelte-kit/output/client');
const NODE_KEY = '.svelte-kit/generated/client-optimized/nodes/';

function pageRoutes(): { id: string; nodes: number[] }[] {
	const text = readFileSync(join(ROOT, '.svelte-kit/output/server/manifest.js'), 'utf8');
	const routes: { id: string; nodes: number[] }[] = [];
	const pattern =
		/id: "([^"]+)",[\s\S]*?page: (null|\{ layouts: \[([^\]]*)\], errors: \[[^\]]*\], leaf: (\d+) \})/g;
	for (const match of text.matchAll(pattern)) {
		if (match[2] === 'null') continue;
		const layouts = match[3]
			.split(',')
			.filter((s) => s.trim() !== '')
			.map(Number);
		routes.push({ id: match[1], nodes: [...layouts, Number(match[4])] });
	}
	return routes;
}

export function measurePageWeights(): PageWeight[] {
	const manifest = JSON.parse(readFileSync(join(CLIENT, '.vite/manifest.json'), 'utf8')) as Record<
		string,
		ManifestChunk
	>;
	const gzipCache = new Map<string, number>();
	const gzipped = (file: string) => {
		let size = gzipCache.get(file);
		if (size === undefined) {
			size = gzipSync(readFileSync(join(CLIENT, file)), { level: 9 }).byteLength;
			gzipCache.set(file, size);
		}
		return size;
	};
	const entries = Object.keys(manifest).filter((key) => {
		const name = manifest[key].name ?? '';
		return manifest[key].isEntry && (name === 'entry/start' || name === 'entry/app');
	});
	return pageRoutes().map(({ id, nodes }) => {
		const initial = new Set<string>();
		const visit = (key: string) => {
			if (initial.has(key) || !manifest[key]) return;
			initial.add(key);
			for (const next of manifest[key].imports ?? []) visit(next);
		};
		for (const key of [...entries, ...nodes.map((n) => `${NODE_KEY}${n}.js`)]) visit(key);
		const lazy = new Set<string>();
		const visitLazy = (key: string) => {
			if (initial.has(key) || lazy.has(key) || !manifest[key] || key.startsWith(NODE_KEY)) return;
			lazy.add(key);
			for (const next of [
				...(manifest[key].imports ?? []),
				...(manifest[key].dynamicImports ?? [])
			]) {
				visitLazy(next);
			}
		};
		for (const key of initial)
			for (const next of manifest[key].dynamicImports ?? []) visitLazy(next);
		const files = (keys: Set<string>) => new Set([...keys].map((k) => manifest[k].file));
		const css = new Set([...initial].flatMap((k) => manifest[k].css ?? []));
		const sum = (set: Set<string>) => [...set].reduce((total, file) => total + gzipped(file), 0);
		return {
			route: id,
			jsGzip: sum(files(initial)),
			cssGzip: sum(css),
			lazyJsGzip: sum(files(lazy)),
			files: initial.size
		};
	});
}
