import { Client } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { CredentialRegistry } from '../api/auth/credentials';
import { EventDispatcher } from '../api/dispatch';
import { SubsyncService } from '../api/service';
import type { Config } from '../config/schema';
import { billingPort } from '../connectors/ports';
import { buildConnectors, connectorDefinition, Connectors } from '../connectors/registry';
import type { AccountIdRule } from '../domain/events';
import type { RunningSimulators } from '../simulators/main';
import { Store } from '../store/store';
import { createWorker } from '../worker/worker';
import { DevServer, startDevServer } from './dev-server';
import type { Logger } from 'pino';
import { ensureInvoicingSchedule } from '../schedules/invoicing';
import { ensureUsageBillingSchedule } from '../schedules/usage-billing';
import type { NotificationDispatcher } from '../notifications/dispatcher';
import { ensureNotificationReportSchedule, startNotificationWorkflows } from './notifications';
import { InboxRedelivery } from './inbox-redelivery';
import { syncWatchers } from './watchers';
import { connectClient, connectWorker, ensureSearchAttributes, installTemporalRuntime } from './temporal';
import { startMetricsServer, watchInboxBacklog, watchParkedSubscribers, watchWebhookBacklog } from '../metrics';
import { SubsyncParked } from '../domain/search-attributes';

export interface RunningSubsync {
  config: Config;
  temporalAddress: string;
  uiUrl?: string;
  /** Empty when this process serves no API. */
  apiUrl: string;
  /** Where Prometheus scrapes this process: the API's /metrics, or its own port without an API. */
  metricsUrl: string;
  client: Client;
  store: Store;
  connectors: Connectors;
  service: SubsyncService;
  dispatcher: EventDispatcher;
  /** The API credentials in the store (the CLI's `credentials` commands do the same on the host). */
  credentials: CredentialRegistry;
  simulators?: RunningSimulators;
  /** NotificationDispatcher, when the config enables it. */
  notifications?: NotificationDispatcher;
  worker?: Worker;
  /** Stops the worker only (tests use it to restart a worker mid-lifecycle). */
  stopWorker(): Promise<void>;
  startWorker(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts the whole stack the config describes: the embedded Temporal dev server unless an
 * address is configured, the store, the simulators when enabled, the worker, the HTTP API and
 * one watcher per billing system. `npm start` and the end-to-end tests both come through here.
 */
export interface StartOptions {
  logger: Logger;
  /** Run the worker in this process (default true). */
  worker?: boolean;
  /** Serve the HTTP API from this process (default true). */
  api?: boolean;
  /** Start the billing watchers (default true). */
  watchers?: boolean;
  /** Create or update the TV invoicing Schedule and the notification report's Schedule (default true). */
  schedules?: boolean;
  /** Start the change-feed poller and the delivery loops when the config enables notifications (default true). */
  notifications?: boolean;
}

export async function startSubsync(config: Config, options: StartOptions): Promise<RunningSubsync> {
  const logger = options.logger;
  await installTemporalRuntime({ logger, level: config.log.level });
  const cleanups: (() => Promise<void>)[] = [];
  try {
    let devServer: DevServer | undefined;
    let address = config.temporal.address;
    if (!address) {
      const d = config.temporal.devServer;
      devServer = await startDevServer({ port: d.port || undefined, uiPort: d.uiPort || undefined, dbFile: d.dbFile === ':memory:' ? undefined : d.dbFile, ip: d.ip, logFile: '.data/temporal-dev-server.log' });
      cleanups.push(() => devServer!.stop());
      address = devServer.address;
    }
    const temporalCfg = { ...config.temporal, address };
    const client = await connectClient(temporalCfg);
    cleanups.push(() => client.connection.close());
    const added = await ensureSearchAttributes(client, config.temporal.namespace);
    if (added.length) logger.info({ added }, 'registered search attributes');

    const store = await Store.open(config.store.url);
    cleanups.push(() => store.close());

    let simulators: RunningSimulators | undefined;
    if (config.simulators.enabled) {
      // Loaded only when asked for: a worker or API in production carries no simulator code.
      const { startSimulators } = await import('../simulators/main');
      simulators = await startSimulators({ ports: config.simulators.ports, seedDemo: config.simulators.seedDemo });
      cleanups.push(() => simulators!.stop());
    }

    const connectors = buildConnectors(config, { logger });
    let notifications: NotificationDispatcher | undefined;
    if (config.notifications.enabled) {
      // Loaded only when enabled: the transmitters bring mail (nodemailer) and signed webhooks with them.
      const { createNotificationDispatcher } = await import('../notifications/dispatcher');
      notifications = createNotificationDispatcher(config.notifications, { connectors, outbox: store.outbox, logger });
      // Custom modules and connectors are looked up now, so a wrong config stops the start with its reason.
      notifications.check();
      cleanups.push(() => notifications!.close());
    }
    const billingInfo = Object.fromEntries(
      Object.entries(config.billing).map(([name, b]) => {
        const definition = connectorDefinition(b.kind);
        return [name, { kind: b.kind, accountId: definition?.accountId, offers: definition?.alsoImplements?.map((p) => p.id) ?? [] }];
      }),
    );
    const accountIds = Object.fromEntries(Object.entries(billingInfo).flatMap(([name, b]) => (b.accountId ? [[name, b.accountId]] : []))) as Record<string, AccountIdRule>;
    const dispatcher = new EventDispatcher({
      client,
      store,
      taskQueue: config.temporal.taskQueue,
      billingSystems: connectors.billingNames(),
      accountIds,
      logger,
      deliveryTimeoutMs: config.api.deliveryTimeoutMs,
    });
    const credentials = new CredentialRegistry(store);
    const connectorChecks = Object.fromEntries(connectors.all().map(({ name, definition, instance }) => [`${definition.port.id === billingPort.id ? 'billing' : 'platform'}:${name}`, () => instance.health()]));
    const service = new SubsyncService({ client, store, dispatcher, connectorChecks, config, connectors, accountIds, logger });

    let worker: Worker | undefined;
    let workerRun: Promise<void> | undefined;
    let workerConnection: NativeConnection | undefined;
    const startWorker = async () => {
      workerConnection ??= await connectWorker(temporalCfg);
      worker = await createWorker({ config, connectors, store, logger, connection: workerConnection, namespace: config.temporal.namespace, taskQueue: config.temporal.taskQueue, events: () => dispatcher, notifications });
      workerRun = worker.run();
      // The first commands after a start should not wait while a connector parses its WSDL on the one main thread.
      for (const { name, instance } of connectors.all()) {
        instance.prepare?.().catch((err: unknown) => logger.debug({ connector: name, err }, 'connector not prepared; its first call will try again'));
      }
    };
    const stopWorker = async () => {
      if (!worker) return;
      // The SDK starts draining on SIGINT/SIGTERM by itself; only ask when it has not.
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await workerRun;
      worker = undefined;
    };
    if (options.worker !== false) await startWorker();
    cleanups.push(async () => {
      await stopWorker();
      await workerConnection?.close();
    });

    let apiUrl = '';
    let metricsUrl: string;
    if (options.api !== false) {
      // Loaded only where the API runs: a worker process carries no HTTP server.
      const { startApi } = await import('../api/http/api');
      const api = await startApi(service, {
        port: config.api.port,
        host: config.api.host,
        logger,
        credentials,
        billing: billingInfo,
        limits: { ...config.api.limits, rateLimit: config.api.rateLimit },
      });
      cleanups.push(() => api.app.close());
      apiUrl = api.url;
      metricsUrl = `${api.url}/metrics`;
      const redelivery = new InboxRedelivery({ store, dispatcher, logger, intervalMs: config.api.redeliverEveryMs });
      redelivery.start();
      cleanups.push(() => redelivery.stop());
      // Fleet-wide gauges come from the API processes only, so a sum over processes counts them once.
      const unwatchInbox = watchInboxBacklog(() => store.inboxBacklog());
      const parkedQuery = `${SubsyncParked.name} = true AND ExecutionStatus = "Running" AND TaskQueue = "${config.temporal.taskQueue}"`;
      const unwatchParked = watchParkedSubscribers(async () => (await client.workflow.count(parkedQuery)).count);
      const endpoints = Object.keys(config.notifications.endpoints);
      const unwatchOutbox = config.notifications.enabled ? watchWebhookBacklog(() => store.outbox.pendingByEndpoint(endpoints)) : () => {};
      cleanups.push(async () => {
        unwatchInbox();
        unwatchParked();
        unwatchOutbox();
      });
    } else {
      const server = await startMetricsServer(config.metrics);
      cleanups.push(() => server.close());
      metricsUrl = server.url;
    }

    // Monthly TV invoicing runs on a Temporal Schedule whenever the billing system it bills is configured.
    if (options.schedules !== false && config.billing[config.invoicing.billing]) {
      const { scheduleId, created } = await ensureInvoicingSchedule(client, config);
      logger.info({ scheduleId, created }, 'TV invoicing schedule ready');
    }
    // Month-end usage billing runs on its own Schedule once a service is configured for it.
    if (options.schedules !== false && Object.keys(config.usageBilling.services).length > 0) {
      const { scheduleId, created } = await ensureUsageBillingSchedule(client, config);
      logger.info({ scheduleId, created }, 'usage billing schedule ready');
    }

    if (notifications && options.notifications !== false) {
      const started = await startNotificationWorkflows(client, config);
      logger.info(started, 'notification dispatcher started');
      if (options.schedules !== false && config.notifications.report.enabled) {
        const { scheduleId, created } = await ensureNotificationReportSchedule(client, config);
        logger.info({ scheduleId, created }, 'notification report schedule ready');
      }
    }

    if (options.watchers !== false) {
      const { started, stopped } = await syncWatchers(client, config, logger);
      if (stopped.length) logger.info({ started, stopped }, 'billing watchers follow the config');
    }

    return {
      config,
      temporalAddress: address,
      uiUrl: devServer?.uiUrl,
      apiUrl,
      metricsUrl,
      client,
      store,
      connectors,
      service,
      dispatcher,
      credentials,
      simulators,
      notifications,
      get worker() {
        return worker;
      },
      stopWorker,
      startWorker,
      async stop() {
        for (const c of cleanups.reverse()) await c().catch((err) => logger.warn({ err }, 'error during shutdown'));
      },
    };
  } catch (err) {
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
    throw err;
  }
}
