import { PermanentError } from '../../connectors/errors';
import type { PeriodReporter } from '../../domain/outbox';
import type { OutboxStore } from '../../store/outbox';
import type { NotificationsConfig } from '../config';
import type { Mailer } from '../mail';
import { figuresOf } from './figures';
import { daysOf, formatDay, reportPeriod } from './period';
import { renderHtml, renderText, reportSubject, ReportContent } from './render';

/**
 * The periodic overview: counts what the license server reported in the period (from the
 * changes kept in the store, whatever the modules and detail mode transmit) and how delivery
 * stands, and mails it as text and HTML to the configured recipients.
 */
export function createReporter(deps: { config: NotificationsConfig; outbox: OutboxStore; mailer: () => Mailer | undefined; configuredEndpoints: string[] }): PeriodReporter {
  const { config, outbox } = deps;
  const r = config.report;
  return {
    async send({ at }) {
      // Retrying cannot help a config without recipients or SMTP: fail at once, naming the setting.
      if (r.recipients.length === 0) throw new PermanentError('notification-report', 'send', 'validation', 'notifications.report.recipients is empty: nobody to send the report to');
      const range = reportPeriod(new Date(at), r.period, r.timezone);
      const read = async (from: Date, to: Date) => ({
        orders: await outbox.receivedChanges(config.source, 'orders', from, to),
        licenses: await outbox.receivedChanges(config.source, 'licenses', from, to),
        activations: await outbox.receivedChanges(config.source, 'activations', from, to),
      });
      const totals = figuresOf(await read(range.from, range.to));
      const days = r.period === 'day' ? [] : await Promise.all(daysOf(range, r.timezone).map(async (d) => ({ label: d.label, figures: figuresOf(await read(d.from, d.to)) })));
      const [backlog, states] = await Promise.all([outbox.backlog(), outbox.endpoints()]);
      const content: ReportContent = {
        source: config.source,
        period: r.period,
        from: formatDay(range.from, r.timezone),
        to: formatDay(range.to, r.timezone),
        timeZone: r.timezone,
        totals,
        days,
        endpoints: deps.configuredEndpoints.map((endpoint) => {
          const b = backlog.find((x) => x.endpoint === endpoint);
          const s = states.find((x) => x.name === endpoint);
          return { endpoint, enabled: (s?.enabled ?? true) && config.endpoints[endpoint]?.enabled !== false, pending: b?.pending ?? 0, failed: b?.failed ?? 0, delivered: b?.delivered ?? 0, disabledReason: s?.disabledReason ?? (config.endpoints[endpoint]?.enabled === false ? 'disabled in the config' : undefined) };
        }),
      };
      const mailer = deps.mailer();
      if (!mailer) throw new PermanentError('notification-report', 'send', 'validation', 'notifications.smtp is not configured: the report cannot be sent');
      const sent = await mailer.send({ to: r.recipients, subject: reportSubject(content), text: renderText(content), html: renderHtml(content) });
      return { from: range.from.toISOString(), to: range.to.toISOString(), recipients: sent.accepted, figures: { ...totals }, messageId: sent.messageId };
    },
  };
}
