// Chart.js mutates the config it is given (it writes defaults into options and parsed values
// into data), which must never happen to Svelte's reactive proxies (sveltejs/svelte#14202).
// $state.snapshot would do, but it warns on functions, and chart options are full of callbacks:
// this copy keeps functions (and class instances such as Dates) as they are and copies every
// plain object and array, reading through any proxy into a fresh, non-reactive object.

export function plainCopy<T>(value: T): T {
	if (Array.isArray(value)) return value.map((item) => plainCopy(item)) as T;
	if (value !== null && typeof value === 'object') {
		const proto = Object.getPrototypeOf(value);
		if (proto !== Object.prototype && proto !== null) return value;
		const copy: Record<string, unknown> = {};
		for (const [key, item] of Object.entries(value)) copy[key] = plainCopy(item);
		return copy as T;
	}
	return value;
}
