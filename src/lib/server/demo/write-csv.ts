import { stringify } from 'csv-stringify';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { FILE_SPECS } from '../import/columns';
import type { FileKind } from '../import/types';
import { Random, dayOf, isoOf } from './random';
import { simulatePatient } from './simulate';

// Writes the demo clinic as the three import CSV files, one patient at a time (a 100k-patient
// set never sits in memory). The bytes depend only on the seed, the patient count and endDate.

export interface DemoOptions {
	patients: number;
	seed: number;
	/** 'YYYY-MM-DD', the last date in the data; default today (local). */
	endDate?: string;
}

const COLUMNS: Record<FileKind, string[]> = {
	patients: [...FILE_SPECS.patients.required, ...FILE_SPECS.patients.optional],
	infusions: [...FILE_SPECS.infusions.required, ...FILE_SPECS.infusions.optional],
	assessments: [...FILE_SPECS.assessments.required, ...FILE_SPECS.assessments.optional]
};

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

function uniqueCode(rng: Random, taken: Set<string>): string {
	for (;;) {
		let code = 'D-';
		for (let i = 0; i < 7; i++) code += CODE_ALPHABET[rng.int(0, CODE_ALPHABET.length - 1)];
		if (!taken.has(code)) {
			taken.add(code);
			return code;
		}
	}
}

function openCsv(folder: string, kind: FileKind) {
	const file = createWriteStream(join(folder, `${kind}.csv`));
	const csv = stringify({ header: true, columns: COLUMNS[kind] });
	csv.pipe(file);
	return {
		async write(row: string[]) {
			if (!csv.write(row)) await once(csv, 'drain');
		},
		async close() {
			csv.end();
			await once(file, 'close');
		}
	};
}

export const localToday = () =>
	isoOf(Math.floor((Date.now() - new Date().getTimezoneOffset() * 60_000) / 86_400_000));

/** Writes patients.csv, infusions.csv and assessments.csv into `folder`; returns row counts. */
export async function writeDemoCsv(folder: string, options: DemoOptions) {
	await mkdir(folder, { recursive: true });
	const endDay = dayOf(options.endDate ?? localToday());
	const rng = new Random(options.seed);
	const files = {
		patients: openCsv(folder, 'patients'),
		infusions: openCsv(folder, 'infusions'),
		assessments: openCsv(folder, 'assessments')
	};
	const counts = { patients: 0, infusions: 0, assessments: 0 };
	const codes = new Set<string>();
	for (let n = 0; n < options.patients; n++) {
		const rows = simulatePatient(rng, uniqueCode(rng, codes), endDay);
		await files.patients.write(rows.patient);
		for (const row of rows.infusions) await files.infusions.write(row);
		for (const row of rows.assessments) await files.assessments.write(row);
		counts.patients++;
		counts.infusions += rows.infusions.length;
		counts.assessments += rows.assessments.length;
	}
	await Promise.all(Object.values(files).map((f) => f.close()));
	return counts;
}
