import { FIGURE_LABELS, ReportFigures } from './figures';

export interface EndpointLine {
  endpoint: string;
  enabled: boolean;
  pending: number;
  failed: number;
  delivered: number;
  disabledReason?: string | null;
}

export interface ReportContent {
  source: string;
  period: string;
  from: string;
  to: string;
  timeZone: string;
  totals: ReportFigures;
  /** Per day of the period (a weekly or monthly report). */
  days: { label: string; figures: ReportFigures }[];
  endpoints: EndpointLine[];
}

const KEYS = Object.keys(FIGURE_LABELS) as (keyof ReportFigures)[];

export function reportSubject(c: ReportContent): string {
  return `License report ${c.source}: ${c.from} to ${c.to} (${c.totals.newLicenses} new licenses, ${c.totals.licenseTransactions} license transactions, ${c.totals.activations} activations)`;
}

/** The plain-text part: aligned columns that read well in any mail client. */
export function renderText(c: ReportContent): string {
  const lines = [`NotificationDispatcher report for ${c.source}`, `Period: ${c.from} to ${c.to} (${c.period}, ${c.timeZone}; end exclusive)`, ''];
  const width = Math.max(...KEYS.map((k) => FIGURE_LABELS[k].length));
  for (const k of KEYS) lines.push(`${FIGURE_LABELS[k].padEnd(width)}  ${String(c.totals[k]).padStart(8)}`);
  if (c.days.length > 1) {
    lines.push('', 'Per day:', ['Day       ', ...KEYS.map((k) => FIGURE_LABELS[k])].join('  '));
    for (const d of c.days) lines.push([d.label, ...KEYS.map((k) => String(d.figures[k]).padStart(FIGURE_LABELS[k].length))].join('  '));
  }
  if (c.endpoints.length) {
    lines.push('', 'Delivery:');
    for (const e of c.endpoints) lines.push(`  ${e.endpoint}: ${e.enabled ? 'enabled' : `DISABLED (${e.disabledReason ?? 'no reason given'})`}, ${e.delivered} delivered, ${e.pending} waiting, ${e.failed} failed`);
  }
  return `${lines.join('\n')}\n`;
}

export function renderHtml(c: ReportContent): string {
  const cell = (v: string | number, th = false) => (th ? `<th style="text-align:left;padding:4px 8px">${escape(String(v))}</th>` : `<td style="text-align:right;padding:4px 8px">${escape(String(v))}</td>`);
  const totals = KEYS.map((k) => `<tr>${cell(FIGURE_LABELS[k], true)}${cell(c.totals[k])}</tr>`).join('');
  const days =
    c.days.length > 1
      ? `<h3>Per day</h3><table border="1" cellspacing="0"><tr>${cell('Day', true)}${KEYS.map((k) => cell(FIGURE_LABELS[k], true)).join('')}</tr>${c.days
          .map((d) => `<tr>${cell(d.label, true)}${KEYS.map((k) => cell(d.figures[k])).join('')}</tr>`)
          .join('')}</table>`
      : '';
  const endpoints = c.endpoints.length
    ? `<h3>Delivery</h3><table border="1" cellspacing="0"><tr>${['Endpoint', 'State', 'Delivered', 'Waiting', 'Failed'].map((h) => cell(h, true)).join('')}</tr>${c.endpoints
        .map((e) => `<tr>${cell(e.endpoint, true)}${cell(e.enabled ? 'enabled' : `disabled: ${e.disabledReason ?? ''}`)}${cell(e.delivered)}${cell(e.pending)}${cell(e.failed)}</tr>`)
        .join('')}</table>`
    : '';
  return `<!doctype html><html><body style="font-family:sans-serif"><h2>NotificationDispatcher report for ${escape(c.source)}</h2><p>Period: ${escape(c.from)} to ${escape(c.to)} (${escape(c.period)}, ${escape(c.timeZone)}; end exclusive)</p><table border="1" cellspacing="0">${totals}</table>${days}${endpoints}</body></html>`;
}

function escape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
