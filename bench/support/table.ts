export type Cell = string | number;

/** One block of the report: a titled table with optional notes under it. */
export interface ReportSection {
  title: string;
  headers: string[];
  rows: Cell[][];
  notes?: string[];
}

/** Numbers are right-aligned (rounded to `digits`), text left-aligned; columns sized to fit. */
export function renderTable(headers: string[], rows: Cell[][], digits = 1): string {
  const text = rows.map((row) => row.map((cell) => (typeof cell === 'number' ? formatNumber(cell, digits) : cell)));
  const widths = headers.map((h, i) => Math.max(h.length, ...text.map((row) => (row[i] ?? '').length)));
  const numeric = headers.map((_, i) => rows.length > 0 && rows.every((row) => typeof row[i] === 'number' || row[i] === undefined || row[i] === ''));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (numeric[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (numeric[i] ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`;
  return [line(headers), rule, ...text.map((row) => line(headers.map((_, i) => row[i] ?? '')))].join('\n');
}

export function renderSection(section: ReportSection): string {
  const notes = (section.notes ?? []).map((n) => `  ${n}`);
  return [`${section.title}`, '', renderTable(section.headers, section.rows), ...(notes.length ? ['', ...notes] : [])].join('\n');
}

function formatNumber(n: number, digits: number): string {
  if (Number.isNaN(n)) return 'n/a';
  return Number.isInteger(n) ? String(n) : n.toFixed(digits);
}
