import { parseArgs } from 'node:util';
import { localToday, seedDemo } from '../../src/lib/server/demo';
import { runCli, withCliDatabase } from './cli-database';

// npm run demo -- --patients N --seed S [--end-date YYYY-MM-DD] [--keep-files FOLDER]
// Generates the demo clinic as CSV files and imports them like any clinic's files.

const USAGE = `Usage: npm run demo -- [--patients 500] [--seed 42] [--end-date YYYY-MM-DD] [--keep-files FOLDER]`;

runCli(async () => {
	let values;
	try {
		({ values } = parseArgs({
			options: {
				patients: { type: 'string', default: '500' },
				seed: { type: 'string', default: '42' },
				'end-date': { type: 'string' },
				'keep-files': { type: 'string' },
				help: { type: 'boolean', short: 'h', default: false }
			}
		}));
	} catch (error) {
		console.error(`${(error as Error).message}\n${USAGE}`);
		return 2;
	}
	if (values.help) {
		console.log(USAGE);
		return 0;
	}
	const patients = Number(values.patients);
	const seed = Number(values.seed);
	const endDate = values['end-date'];
	if (
		!Number.isInteger(patients) ||
		patients < 1 ||
		!Number.isInteger(seed) ||
		(endDate !== undefined && (!/^\d{4}-\d{2}-\d{2}$/.test(endDate) || endDate > localToday()))
	) {
		console.error(`${USAGE}\n--end-date must be a date not after today.`);
		return 2;
	}
	return withCliDatabase('npm run demo', async (database) => {
		const started = Date.now();
		const report = await seedDemo(database.db, {
			patients,
			seed,
			endDate,
			folder: values['keep-files']
		});
		for (const f of report.files) {
			console.log(
				`  ${f.name}: ${f.counts.new} new, ${f.counts.updated} updated, ${f.counts.unchanged} unchanged`
			);
		}
		if (report.status === 'rejected') {
			console.error(`The demo data was refused (${report.errorCount} errors); this is a bug.`);
			return 1;
		}
		console.log(
			`Demo clinic (${patients} patients, seed ${seed}) ${report.status} on ${database.kind} (${database.location}) in ${((Date.now() - started) / 1000).toFixed(1)} s.`
		);
		return 0;
	});
});
