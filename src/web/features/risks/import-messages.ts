/** Every user-facing text of the risk register's import page (and its button on the register), in one place for translation. */

const count = (n: number) => n.toLocaleString('en-GB');
const plural = (n: number, one: string, many: string) => `${count(n)} ${n === 1 ? one : many}`;

export const riskImportMessages = {
  import: 'Import',
  registerTitle: 'Risk register',
  importTitle: 'Import risks',
  importDescription: 'Bring the risk register in from a CSV, Excel (XLSX) or JSON file. Custos checks every row first; nothing is written until you confirm.',
  importFile: 'File',
  importFileHint:
    'CSV, XLSX or JSON with the same columns as the export. Risks are matched by their ref: existing ones are updated, new ones created. Derived columns (impact, level) are read-only and ignored. A file with a problem in any row imports nothing.',
  importChoose: 'Choose a file',
  importClear: 'Remove the chosen file',
  importFormat: 'Format',
  importCheck: 'Check file',
  importChecking: 'Checking…',
  importUploading: (percent: number) => `Uploading… ${percent}%`,
  importTemplate: 'Download the current register as CSV to use as a template',
  importStepChoose: 'Choose a file',
  importReportTitle: 'Check result',
  importResultTitle: 'Import finished',
  importCounts: { rows: 'Rows', created: 'New', updated: 'Changed', unchanged: 'Unchanged', errors: 'Problems' },
  importCountsDry: { created: 'Would be added', updated: 'Would be changed' },
  importProblems: (shown: number, total: number) => (shown < total ? `Problems (first ${count(shown)} of ${count(total)})` : `Problems (${count(total)})`),
  importNoProblems: 'Every row is valid.',
  importEmpty: 'The file has no rows to import.',
  importRun: 'Import',
  importBlocked: 'Fix the problems listed, then check the file again. A file with any problem imports nothing.',
  importRecorded: 'The import is recorded in the audit trail with the file’s name and fingerprint (SHA-256).',
  importDone: (created: number, updated: number, unchanged: number) =>
    `${plural(created, 'risk', 'risks')} added, ${count(updated)} changed and ${count(unchanged)} unchanged.`,
  importNothing: 'Nothing was written.',
  importAnother: 'Import another file',
  toRegister: 'Go to the risk register',
  /** Said by screen readers when a check or an import ends. */
  announceChecked: (rows: number, errors: number) =>
    errors === 0 ? `Check finished: ${plural(rows, 'row', 'rows')}, no problems.` : `Check finished: ${plural(rows, 'row', 'rows')}, ${plural(errors, 'problem', 'problems')}. The problems are listed by row and column.`,
  announceImported: (created: number, updated: number) => `Import finished: ${count(created)} added and ${count(updated)} changed.`,
  announceNotImported: (errors: number) => `Nothing was imported: ${plural(errors, 'problem', 'problems')}.`,
  problemRow: 'Row',
  problemColumn: 'Column',
  problemMessage: 'Problem',
  problemWholeRow: 'whole row',
  problemWholeFile: 'file',
  importFileRequired: 'Choose a file first.',
};
