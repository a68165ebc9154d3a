import { licenseServerPort, notificationTargetPort } from '../connectors/licensing/port';
import type { Connectors } from '../connectors/registry';
import type { Logger } from '../domain/logger';
import type { ChangeFeedSource, OutboxRouting, PeriodReporter, Transmitter } from '../domain/outbox';
import type { OutboxStore } from '../store/outbox';
import { enabledModules, endpointsFor, NotificationsConfig } from './config';
import { loadCustomTransmission } from './custom';
import { createMailer, Mailer } from './mail';
import { licenseNotificationBuilder } from './modules';
import { createReporter } from './report/reporter';
import { licenseServerFeeds } from './source';
import { connectorTransmitter, customTransmitter, webhookTransmitter } from './transmitters';

/**
 * NotificationDispatcher for a license server, assembled from the `notifications` config: the
 * source's feeds and what they become (modules and detail mode), the endpoints' transmitters,
 * the delivery settings, operator alerts and the periodic report. The generic poller and
 * delivery activities see it as OutboxRouting; the report activity as PeriodReporter.
 */
export interface NotificationDispatcher extends OutboxRouting {
  readonly config: NotificationsConfig;
  readonly reporter: PeriodReporter;
  /** Every configured endpoint, enabled or not. */
  endpointNames(): string[];
  /** Loads every enabled endpoint's custom module and connector, so a wrong config stops the start. */
  check(): void;
  close(): Promise<void>;
}

export function createNotificationDispatcher(config: NotificationsConfig, deps: { connectors: Connectors; outbox: OutboxStore; logger: Logger }): NotificationDispatcher {
  const logger = deps.logger.child({ component: 'notifications' });
  const transmitters = new Map<string, Transmitter>();
  let mailer: Mailer | undefined;
  const mail = () => (config.smtp ? (mailer ??= createMailer(config.smtp, config.report.from)) : undefined);
  let source: ChangeFeedSource | undefined;

  const transmitterFor = (endpoint: string): Transmitter | undefined => {
    const cached = transmitters.get(endpoint);
    if (cached) return cached;
    const e = config.endpoints[endpoint];
    if (!e) return undefined;
    let t: Transmitter;
    if (e.type === 'webhook') t = webhookTransmitter(endpoint, e);
    else if (e.type === 'connector') t = connectorTransmitter(endpoint, deps.connectors.get(notificationTargetPort, e.platform));
    else t = customTransmitter(endpoint, loadCustomTransmission(e.module, endpoint), e.options, logger);
    transmitters.set(endpoint, t);
    return t;
  };

  return {
    config,
    delivery: {
      batchSize: config.delivery.batchSize,
      concurrency: config.delivery.concurrency,
      retryScheduleSeconds: config.delivery.retryScheduleSeconds,
      jitter: config.delivery.jitter,
      disableAfterMs: config.delivery.disableAfterHours * 3_600_000,
    },
    source(name) {
      if (name !== config.source) throw new Error(`notifications read "${config.source}", not "${name}"`);
      source ??= {
        name,
        reader: licenseServerFeeds(deps.connectors.get(licenseServerPort, config.source), enabledModules(config)),
        builder: licenseNotificationBuilder(name, config.modules),
        pageSize: config.pageSize,
        maxPagesPerPoll: config.maxPagesPerPoll,
        endpointsFor: (feed) => endpointsFor(config, feed),
      };
      return source;
    },
    transmitter: transmitterFor,
    enabledInConfig: (endpoint) => config.endpoints[endpoint]?.enabled === true,
    endpointNames: () => Object.keys(config.endpoints),
    async alert(endpoint, subject, text) {
      logger.error({ endpoint }, `${subject}: ${text}`);
      const m = mail();
      if (!m || config.alertRecipients.length === 0) return;
      try {
        await m.send({ to: config.alertRecipients, subject: `[subsync] ${subject}`, text });
      } catch (err) {
        // The alert is also in the log and the endpoint's state; a mail server that is down must not stop delivery.
        logger.warn({ endpoint, err }, 'could not mail the operator alert');
      }
    },
    reporter: createReporter({ config, outbox: deps.outbox, mailer: mail, configuredEndpoints: Object.keys(config.endpoints) }),
    check() {
      deps.connectors.get(licenseServerPort, config.source);
      for (const [endpoint, e] of Object.entries(config.endpoints)) if (e.enabled) transmitterFor(endpoint);
    },
    async close() {
      for (const t of transmitters.values()) await t.close?.();
      transmitters.clear();
      mailer?.close();
    },
  };
}
