// Application logging. Callers pass route patterns (/patients/[code]), never concrete URLs or
// query strings, so patient codes and filter values stay out of the log.

export function logError(errorId: string, route: string, status: number, error: unknown): void {
	const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
	console.error(`[error ${errorId}] ${status} ${route}: ${detail}`);
}

export function logInfo(message: string): void {
	console.log(message);
}
