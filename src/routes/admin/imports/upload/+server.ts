import { error, json } from '@sveltejs/kit';
import { requireRole } from '$lib/server/auth/guards';
import { appendChunk, createUpload, UploadError } from '$lib/server/import/uploads';
import type { RequestHandler } from './$types';

// The browser streams files here slice by slice (see uploads.ts); the page's form actions
// then check and import the upload. Names and offsets travel in headers, not the URL.

const failWith = (e: unknown): never => {
	if (e instanceof UploadError) error(e.status, e.message);
	throw e;
};

/** Starts an upload: returns its id. */
export const POST: RequestHandler = async (event) => {
	const admin = requireRole(event, 'admin');
	return json({ uploadId: await createUpload(admin.id).catch(failWith) });
};

/** One slice of one file. */
export const PUT: RequestHandler = async (event) => {
	const admin = requireRole(event, 'admin');
	const headers = event.request.headers;
	const offset = Number(headers.get('x-offset'));
	if (!Number.isSafeInteger(offset) || offset < 0 || !event.request.body) error(400, 'Bad slice');
	const size = await appendChunk(
		admin.id,
		headers.get('x-upload-id') ?? '',
		headers.get('x-file-name') ?? '',
		offset,
		event.request.body
	).catch(failWith);
	return json({ size });
};
