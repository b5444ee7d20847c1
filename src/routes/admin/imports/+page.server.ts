import { fail } from '@sveltejs/kit';
import { requireRole } from '$lib/server/auth/guards';
import { importFolder, ImportFailedError, ImportUsageError } from '$lib/server/import';
import { listImports } from '$lib/server/import/list-imports';
import {
	discardUpload,
	UPLOAD_CHUNK_BYTES,
	uploadFolder,
	UploadError
} from '$lib/server/import/uploads';
import { database } from '$lib/server/runtime';
import type { SessionUser } from '$lib/server/auth/scope';
import type { Actions, PageServerLoad } from './$types';

// Admins upload the three CSV files (streamed to a temporary folder by ./upload), see a dry
// run's report, and confirm to import. The import is the same as the CLI's (source 'web').

export const load: PageServerLoad = async (event) => {
	requireRole(event, 'admin');
	const { db } = await database();
	return { imports: await listImports(db), chunkBytes: UPLOAD_CHUNK_BYTES };
};

async function runImport(admin: SessionUser, uploadId: string, dryRun: boolean) {
	const { db } = await database();
	try {
		const folder = await uploadFolder(admin.id, uploadId);
		const report = await importFolder(db, folder, {
			dryRun,
			noUpdate: false,
			ignoreUnknownColumns: false,
			actor: admin.username,
			userId: admin.id,
			source: 'web'
		});
		if (!dryRun || report.status === 'rejected') await discardUpload(admin.id, uploadId);
		return { uploadId: dryRun && report.status !== 'rejected' ? uploadId : null, report };
	} catch (e) {
		if (e instanceof UploadError || e instanceof ImportUsageError) {
			return fail(400, { message: e.message });
		}
		if (e instanceof ImportFailedError) {
			await discardUpload(admin.id, uploadId);
			return fail(500, { message: `${e.message} (import #${e.importId})` });
		}
		throw e;
	}
}

export const actions: Actions = {
	check: async (event) => {
		const admin = requireRole(event, 'admin');
		const form = await event.request.formData();
		return runImport(admin, String(form.get('uploadId') ?? ''), true);
	},
	commit: async (event) => {
		const admin = requireRole(event, 'admin');
		const form = await event.request.formData();
		return runImport(admin, String(form.get('uploadId') ?? ''), false);
	},
	discard: async (event) => {
		const admin = requireRole(event, 'admin');
		const form = await event.request.formData();
		await discardUpload(admin.id, String(form.get('uploadId') ?? '')).catch(() => {});
		return { discarded: true };
	}
};
