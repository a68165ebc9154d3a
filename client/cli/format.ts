import type { MonthlySchedule } from '../../api/operations';

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

/** Centavos as Brazilian reais, as ISP-Integrator shows money: 123456 → "R$ 1.234,56". */
export function reais(centavos: number): string {
  const abs = Math.abs(Math.trunc(centavos));
  const whole = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${centavos < 0 ? '-' : ''}R$ ${whole},${String(abs % 100).padStart(2, '0')}`;
}

/** The rows every monthly job's Schedule starts with: its id, whether it is paused (and why), when it runs. */
export function scheduleFields(s: MonthlySchedule, runsNote = ''): [string, string | undefined][] {
  const hhmm = `${String(s.calendar.hour).padStart(2, '0')}:${String(s.calendar.minute).padStart(2, '0')}`;
  return [
    ['schedule', s.scheduleId],
    ['state', s.paused ? `paused${s.note ? ` (${s.note})` : ''}` : 'active'],
    ['runs', `day ${s.calendar.dayOfMonth} of each month at ${hhmm} ${s.timezone}${runsNote}`],
  ];
}
