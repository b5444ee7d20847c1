// Starts the built server (build/index.js). adapter-node assumes https when ORIGIN is unset,
// which makes every form post on a plain-http local start fail the CSRF origin check; so a
// local start defaults ORIGIN to the address it prints. Behind a proxy, set ORIGIN (or
// PROTOCOL_HEADER and HOST_HEADER) as adapter-node documents.
if (!process.env.ORIGIN && !process.env.PROTOCOL_HEADER) {
	const host = process.env.HOST && process.env.HOST !== '0.0.0.0' ? process.env.HOST : 'localhost';
	process.env.ORIGIN = `http://${host}:${process.env.PORT ?? '3000'}`;
}
await import('../build/index.js');
