import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileKindOf } from './columns';

// Web uploads land in a temporary folder per upload, written chunk by chunk straight from the
// request stream: a large file is never held in memory, and small chunks stay under the
// server's request body limit. The folder name carries the user's id, so one admin cannot
// import another's upload. The import then reads the folder like the CLI does.

const ROOT = join(tmpdir(), 'infusion-outcomes-uploads');
/** The browser sends files in slices of this size at most (under adapter-node's 512 KB limit). */
export const UPLOAD_CHUNK_BYTES = 256 * 1024;
const MAX_FILE_BYTES = 4 * 1024 * 1024 * 1024;
const STALE_AFTER_MS = 24 * 60 * 60 * 1000;

export class UploadError extends Error {
	constructor(
		message: string,
		readonly status: number
	) {
		super(message);
	}
}

const folderOf = (userId: number, uploadId: string) => {
	if (!/^[0-9a-f]{32}$/.test(uploadId)) throw new UploadError('Unknown upload', 404);
	return join(ROOT, `${userId}-${uploadId}`);
};

/** Starts an upload and clears uploads abandoned more than a day ago. */
export async function createUpload(userId: number): Promise<string> {
	await sweepStaleUploads();
	const uploadId = randomBytes(16).toString('hex');
	await mkdir(folderOf(userId, uploadId), { recursive: true });
	return uploadId;
}

/** Appends one slice of a file at `offset` (0 starts the file afresh); returns the new size. */
export async function appendChunk(
	userId: number,
	uploadId: string,
	fileName: string,
	offset: number,
	body: ReadableStream<Uint8Array>
): Promise<number> {
	const folder = folderOf(userId, uploadId);
	if (!(await stat(folder).catch(() => null))) throw new UploadError('Unknown upload', 404);
	const kind = fileKindOf(fileName);
	if (!kind) {
		throw new UploadError(
			'Files must be named patients.csv, infusions.csv or assessments.csv',
			400
		);
	}
	const path = join(folder, `${kind}.csv`);
	const size = (await stat(path).catch(() => null))?.size ?? 0;
	if (offset !== 0 && offset !== size) throw new UploadError('Slice out of order', 409);
	let received = 0;
	const limit = new Transform({
		transform(chunk: Buffer, _encoding, done) {
			received += chunk.length;
			if (received > UPLOAD_CHUNK_BYTES) done(new UploadError('Slice too large', 413));
			else if (offset + received > MAX_FILE_BYTES) done(new UploadError('File too large', 413));
			else done(null, chunk);
		}
	});
	await pipeline(
		Readable.fromWeb(body as import('node:stream/web').ReadableStream<Uint8Array>),
		limit,
		createWriteStream(path, { flags: offset === 0 ? 'w' : 'a' })
	);
	return offset + received;
}

/** The folder holding an upload's files, for importFolder. */
export async function uploadFolder(userId: number, uploadId: string): Promise<string> {
	const folder = folderOf(userId, uploadId);
	const names = await readdir(folder).catch(() => null);
	if (!names) throw new UploadError('This upload has expired; choose the files again', 404);
	if (names.length === 0) throw new UploadError('No files were uploaded', 400);
	return folder;
}

export async function discardUpload(userId: number, uploadId: string): Promise<void> {
	await rm(folderOf(userId, uploadId), { recursive: true, force: true });
}

async function sweepStaleUploads(): Promise<void> {
	const entries = await readdir(ROOT).catch(() => [] as string[]);
	for (const entry of entries) {
		const info = await stat(join(ROOT, entry)).catch(() => null);
		if (info && Date.now() - info.mtimeMs > STALE_AFTER_MS) {
			await rm(join(ROOT, entry), { recursive: true, force: true });
		}
	}
}
