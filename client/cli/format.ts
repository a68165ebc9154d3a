/** Plain-text layout for terminals and logs: aligned columns, no colours, no box drawing. */

export function table(headers: string[], rows: (string | number | undefined)[][]): string {
  const cells = [headers, ...rows.map((row) => row.map((cell) => (cell === undefined ? '-' : String(cell))))];
  const widths = headers.map((_, col) => Math.max(...cells.map((row) => (row[col] ?? '').length)));
  return cells.map((row) => row.map((cell, col) => (col === row.length - 1 ? cell : cell.padEnd(widths[col]))).join('  ')).join('\n');
}

/** "label:  value" lines with the values aligned; undefined values are left out. */
export function fields(pairs: [string, string | undefined][]): string {
  const shown = pairs.filter((pair): pair is [string, string] => pair[1] !== undefined);
  const width = Math.max(...shown.map(([label]) => label.length)) + 1;
  return shown.map(([label, value]) => `${`${label}:`.padEnd(width)}  ${value}`).join('\n');
}

/** A titled, indented section; "(none)" when it has no rows, so an empty list reads as empty rather than missing. */
export function section(title: string, body: string | undefined): string {
  return `\n${title}\n${(body ?? '(none)').replace(/^/gm, '  ')}`;
}
