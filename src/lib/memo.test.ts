import { describe, expect, it } from 'vitest';
import { boundedMemo } from './memo';

describe('boundedMemo', () => {
	it('computes each key once, and forgets every key when the bound is reached', () => {
		const calls: string[] = [];
		const memo = boundedMemo<string>(2);
		const ask = (key: string) =>
			memo(key, () => {
				calls.push(key);
				return key.toUpperCase();
			});
		expect([ask('a'), ask('a'), ask('b'), ask('b')]).toEqual(['A', 'A', 'B', 'B']);
		expect(calls).toEqual(['a', 'b']);
		// A third key at the bound: all forgotten, so 'a' is computed again afterwards.
		expect(ask('c')).toBe('C');
		expect(ask('a')).toBe('A');
		expect(calls).toEqual(['a', 'b', 'c', 'a']);
	});
});
