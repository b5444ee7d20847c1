import { expect, test } from 'vitest';
import { plainCopy } from './plain';

test('copies nested plain objects and arrays, keeps functions and instances', () => {
	const callback = () => 'x';
	const date = new Date(0);
	const source = { a: [{ b: 1 }, 2], c: { callback, date }, d: null, e: 'text' };
	const copy = plainCopy(source);
	expect(copy).toEqual(source);
	expect(copy).not.toBe(source);
	expect(copy.a).not.toBe(source.a);
	expect(copy.a[0]).not.toBe(source.a[0]);
	expect(copy.c.callback).toBe(callback);
	expect(copy.c.date).toBe(date);
});

test('writing to the copy leaves the source untouched (as Chart.js writes defaults)', () => {
	const source: { options: { plugins?: object; scales: { x: { min?: number } } } } = {
		options: { scales: { x: {} } }
	};
	const copy = plainCopy(source);
	copy.options.plugins = {};
	copy.options.scales.x.min = 3;
	expect(source).toEqual({ options: { scales: { x: {} } } });
});

test('reads through a proxy into a plain object', () => {
	const target = { x: 1, nested: { y: 2 } };
	const proxy = new Proxy(target, {});
	const copy = plainCopy(proxy);
	expect(copy).toEqual({ x: 1, nested: { y: 2 } });
	expect(copy.nested).not.toBe(target.nested);
});
