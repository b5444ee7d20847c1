import { parse, CsvError } from 'csv-parse';
import { createHash, type Hash } from 'node:crypto';
import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';
import type { ImportSource } from './types';

// Streams one file through a strict UTF-8 decoder into csv-parse (RFC 4180: quoted fields,
// embedded commas and newlines, BOM, LF or CRLF). Only one chunk and one row are held at a
// time, whatever the file's size; a SHA-256 of the exact bytes is computed on the way.

/** No row of the format comes near this; a longer one is a wrong file, not a record. */
export const MAX_ROW_CHARACTERS = 64 * 1024;

export interface CsvRecord {
	/** The line on which the row ends (1-based). */
	line: number;
	fields: string[];
}

/** The file cannot be read as CSV at all; `line` is 0 when it is not tied to a line. */
export class CsvFileError extends Error {
	constructor(
		message: string,
		readonly line: number
	) {
		super(message);
	}
}

export interface FileDigest {
	bytes: number;
	sha256: string;
}

// Binary files are recognised by a NUL byte in their first bytes (every image, workbook and
// archive format has one there); collecting this much before decoding means a leading byte
// that is not UTF-8 does not hide that the file is binary.
const SNIFF_BYTES = 1024;

const BINARY_MESSAGE =
	'this is not a CSV text file (it contains binary data). If it is an Excel workbook, ' +
	'save it as "CSV UTF-8" first.';

async function* decodeUtf8(source: ImportSource, hash: Hash, digest: FileDigest) {
	// fatal: a byte sequence that is not UTF-8 is an error, not a silent replacement character.
	const decoder = new TextDecoder('utf-8', { fatal: true });
	let sniffed: Buffer | null = Buffer.alloc(0);
	const decode = (bytes: Uint8Array, stream: boolean) => {
		if (bytes.indexOf(0) !== -1) throw new CsvFileError(BINARY_MESSAGE, 0);
		try {
			return decoder.decode(bytes, { stream });
		} catch {
			throw new CsvFileError(
				'the file is not UTF-8 text. Save it again as "CSV UTF-8 (comma delimited)".',
				0
			);
		}
	};
	for await (const chunk of source.open() as AsyncIterable<Uint8Array | string>) {
		const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
		hash.update(bytes);
		digest.bytes += bytes.length;
		if (sniffed) {
			sniffed = Buffer.concat([sniffed, bytes]);
			if (sniffed.length < SNIFF_BYTES) continue;
			const head = sniffed;
			sniffed = null;
			yield decode(head, true);
		} else {
			yield decode(bytes, true);
		}
	}
	yield decode(sniffed ?? new Uint8Array(0), false);
}

function describeCsvError(error: CsvError): string {
	switch (error.code) {
		case 'CSV_MAX_RECORD_SIZE':
			return `a row is longer than ${MAX_ROW_CHARACTERS} characters, far more than any valid row; the file is not in the import format or a quote is left open`;
		case 'CSV_QUOTE_NOT_CLOSED':
			return 'a quoted value is never closed (the file may be cut short, or a " is missing)';
		case 'CSV_INVALID_CLOSING_QUOTE':
		case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
			return 'a quoted value is followed by other characters; inside quotes, write a quote as ""';
		default:
			return `the file cannot be read as CSV (${error.message})`;
	}
}

const newlinesIn = (fields: string[]) => {
	let count = 0;
	for (const field of fields) {
		for (let i = field.indexOf('\n'); i !== -1; i = field.indexOf('\n', i + 1)) count++;
	}
	return count;
};

/**
 * Yields the rows of a file in small batches (whatever is parsed from one chunk), header first;
 * `digest` is complete once iteration ends. Batches, not single rows: a promise per row would
 * cost more than the parsing itself at millions of rows.
 */
export async function* readCsv(
	source: ImportSource,
	digest: FileDigest
): AsyncGenerator<CsvRecord[]> {
	const hash = createHash('sha256');
	// No `info` option: an info object per row costs more than the rest of the parse. Lines are
	// counted here instead: one per row plus the line breaks inside its quoted values. Empty
	// lines come through as one empty value, and are skipped here so that they count too.
	// (The decoder has already removed a byte-order mark.)
	const parser = parse({
		trim: true,
		relax_column_count: true,
		max_record_size: MAX_ROW_CHARACTERS
	});
	let line = 0;
	let ended = false;
	let failure: unknown = null;
	const feeding = pipeline(decodeUtf8(source, hash, digest), parser).then(
		() => (ended = true),
		(error: unknown) => {
			failure = error;
			ended = true;
		}
	);
	try {
		for (;;) {
			const batch: CsvRecord[] = [];
			let fields: string[] | null;
			while ((fields = parser.read() as string[] | null) !== null) {
				line += 1 + newlinesIn(fields);
				if (fields.length === 1 && fields[0] === '') continue;
				batch.push({ line, fields });
			}
			if (batch.length > 0) yield batch;
			else if (ended) break;
			else await Promise.race([once(parser, 'readable'), feeding]);
		}
		if (failure) throw failure;
	} catch (error) {
		if (error instanceof CsvFileError) throw error;
		if (error instanceof CsvError) {
			const line = (error as CsvError & { lines?: number }).lines ?? 0;
			throw new CsvFileError(describeCsvError(error), line);
		}
		throw error;
	} finally {
		if (!ended) parser.destroy();
	}
	digest.sha256 = hash.digest('hex');
}
