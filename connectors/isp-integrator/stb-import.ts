import { parse, type Info } from 'csv-parse/sync';
import { z } from 'zod';
import { PermanentError } from '../errors';
import type { RegisterSetTopBoxInput } from './operations/register-set-top-box';
import type { SetTopBox } from './schemas';

/**
 * "Importar STB": registers set-top boxes from a CSV file. Header `casn,asset_number,model` or the
 * desk's Portuguese `CASN,Patrimônio,Modelo` (comma or semicolon separated; model optional).
 * Bad rows are reported with their line in the file (header = line 1) and skipped; good rows are
 * registered. Registration is idempotent by CASN, so importing the same file again registers
 * nothing and reports those rows as unchanged. Transient failures are thrown: the import can
 * simply be run again.
 */
export interface StbImportResult {
  imported: number;
  unchanged: number;
  rejected: { line: number; reason: string }[];
}

type Registrar = { registerSetTopBox(input: RegisterSetTopBoxInput): Promise<{ box: SetTopBox; created: boolean }> };

const rowSchema = z.object({
  casn: z.string().regex(/^[A-Za-z0-9]{8,20}$/, 'CASN must be 8–20 letters or digits'),
  assetNumber: z.string().min(1, 'asset number (Patrimônio) is required').max(30, 'asset number (Patrimônio) is longer than 30 characters'),
  model: z.string().max(60, 'model is longer than 60 characters').optional(),
});

/** Header spellings, compared without case or accents. */
const columnNames: Record<string, 'casn' | 'assetNumber' | 'model'> = {
  casn: 'casn',
  asset_number: 'assetNumber',
  patrimonio: 'assetNumber',
  model: 'model',
  modelo: 'model',
};

export async function importSetTopBoxes(csvText: string, billing: Registrar): Promise<StbImportResult> {
  const records = readCsv(csvText);
  if (records.length === 0) throw invalid('the file is empty; expected a header casn,asset_number,model');
  const columns = headerColumns(records[0].record);
  const result: StbImportResult = { imported: 0, unchanged: 0, rejected: [] };
  const seen = new Map<string, number>();
  const seenAssets = new Map<string, number>();

  for (const { record, line } of records.slice(1)) {
    const row = toRow(record, columns);
    if (typeof row === 'string') {
      result.rejected.push({ line, reason: row });
      continue;
    }
    const duplicate = seen.get(row.casn) ?? seenAssets.get(row.assetNumber);
    if (duplicate !== undefined) {
      const what = seen.has(row.casn) ? `CASN ${row.casn}` : `asset number ${row.assetNumber}`;
      result.rejected.push({ line, reason: `duplicate ${what}, already on line ${duplicate}` });
      continue;
    }
    seen.set(row.casn, line);
    seenAssets.set(row.assetNumber, line);
    try {
      const { created } = await billing.registerSetTopBox(row);
      if (created) result.imported++;
      else result.unchanged++;
    } catch (err) {
      // ISP-Integrator refusing this box (other asset number, bad data) rejects the row, not the file.
      if (err instanceof PermanentError && (err.reason === 'conflict' || err.reason === 'validation')) {
        result.rejected.push({ line, reason: err.message });
        continue;
      }
      throw err;
    }
  }
  return result;
}

interface CsvRecord { record: string[]; line: number }

function readCsv(csvText: string): CsvRecord[] {
  let parsed: { record: string[]; info: Info }[];
  try {
    // csv-parse's typings do not model `info: true`, which wraps each record with its position.
    parsed = parse(csvText, { bom: true, delimiter: [',', ';'], trim: true, skip_empty_lines: true, relax_column_count: true, info: true }) as unknown as typeof parsed;
  } catch (err) {
    throw invalid(`the file is not valid CSV: ${(err as Error).message}`);
  }
  // csv-parse reports the line a record ends on; a quoted field with line breaks starts earlier.
  return parsed.map(({ record, info }) => ({ record, line: info.lines - record.join('').split('\n').length + 1 }));
}

function headerColumns(header: string[]): (keyof z.infer<typeof rowSchema> | undefined)[] {
  const columns = header.map((name) => columnNames[name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()]);
  if (!columns.includes('casn') || !columns.includes('assetNumber')) {
    throw invalid(`line 1: header "${header.join(',')}" needs the columns casn and asset_number (or CASN and Patrimônio)`);
  }
  return columns;
}

/** The row's fields, or the reason it is rejected. */
function toRow(record: string[], columns: ReturnType<typeof headerColumns>): z.infer<typeof rowSchema> | string {
  if (record.length > columns.length) return `expected at most ${columns.length} columns, got ${record.length}`;
  const fields: Record<string, string> = {};
  columns.forEach((column, i) => {
    if (column && record[i] !== undefined && record[i] !== '') fields[column] = record[i];
  });
  const parsed = rowSchema.safeParse(fields);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  return issue.code === 'invalid_type' ? `${issue.path.join('.') === 'casn' ? 'CASN' : 'asset number (Patrimônio)'} is required` : issue.message;
}

function invalid(message: string): PermanentError {
  return new PermanentError('isp-integrator', 'importSetTopBoxes', 'validation', message);
}
