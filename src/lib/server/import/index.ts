// CSV import of clinic data: validated, atomic, idempotent (docs/import-format.md).
export { importFiles } from './import-files';
export { importFolder, sourcesFromPaths } from './folder';
export { formatImportError, ImportFailedError, ImportUsageError } from './types';
export type * from './types';
