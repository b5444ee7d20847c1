import { parseArgs } from 'node:util';
import { userInfo } from 'node:os';
import {
	formatImportError,
	ImportFailedError,
	importFolder,
	ImportUsageError,
	type ImportReport
} from '../../src/lib/server/import';
import { runCli, withCliDatabase } from './cli-database';

// npm run import -- <folder or files> [--dry-run] [--no-update] [--ignore-unknown-columns]
// Exit status: 0 imported (or nothing to change), 1 validation errors, 2 usage errors.
// The summary goes to stdout, errors to stderr.

const USAGE = `Usage: npm run import -- <folder or files...> [options]

Imports patients.csv, infusions.csv and assessments.csv (docs/import-format.md) into the
configured database (DATA_DIR or DATABASE_URL), migrating it first. All or nothing.

Options:
  --dry-run                 validate and count, write nothing
  --no-update               a row that would change existing data is an error
  --ignore-unknown-columns  skip columns the format does not know
  --max-errors N            errors to print (default 100; all are counted)
  -h, --help                this text`;

function summary(report: ImportReport): string {
	const lines = report.files.map(({ name, rows, counts }) => {
		const dup = counts.duplicates ? `, ${counts.duplicates} repeated` : '';
		return `  ${name}: ${rows} rows: ${counts.new} new, ${counts.updated} updated, ${counts.unchanged} unchanged${dup}`;
	});
	const outcome = {
		committed: 'Imported.',
		unchanged: 'Nothing to change: the database already holds these rows.',
		dry_run: 'Dry run: valid, nothing written.',
		rejected: `Refused: ${report.errorCount} error(s); nothing written.`
	}[report.status];
	return [`${outcome} (import #${report.importId})`, ...lines].join('\n');
}

runCli(async () => {
	let args;
	try {
		args = parseArgs({
			allowPositionals: true,
			options: {
				'dry-run': { type: 'boolean', default: false },
				'no-update': { type: 'boolean', default: false },
				'ignore-unknown-columns': { type: 'boolean', default: false },
				'max-errors': { type: 'string', default: '100' },
				help: { type: 'boolean', short: 'h', default: false }
			}
		});
	} catch (error) {
		console.error(`${(error as Error).message}\n\n${USAGE}`);
		return 2;
	}
	if (args.values.help) {
		console.log(USAGE);
		return 0;
	}
	const maxErrors = Number(args.values['max-errors']);
	if (args.positionals.length === 0 || !Number.isInteger(maxErrors) || maxErrors < 1) {
		console.error(USAGE);
		return 2;
	}
	return withCliDatabase('npm run import', async (database) => {
		try {
			const report = await importFolder(database.db, args.positionals, {
				dryRun: args.values['dry-run'],
				noUpdate: args.values['no-update'],
				ignoreUnknownColumns: args.values['ignore-unknown-columns'],
				maxErrors,
				actor: `cli:${userInfo().username}`,
				userId: null,
				source: 'cli'
			});
			for (const error of report.errors) console.error(formatImportError(error));
			if (report.errorCount > report.errors.length) {
				console.error(`... and ${report.errorCount - report.errors.length} more error(s).`);
			}
			console.log(summary(report));
			return report.status === 'rejected' ? 1 : 0;
		} catch (error) {
			if (error instanceof ImportUsageError) {
				console.error(`${error.message}\n\n${USAGE}`);
				return 2;
			}
			if (error instanceof ImportFailedError) {
				const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
				console.error(`${error.message}${cause} Recorded as import #${error.importId}.`);
				return 1;
			}
			throw error;
		}
	});
});
