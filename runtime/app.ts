import { Client } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { EventDispatcher } from '../api/dispatch';
import { startApi } from '../api/http/api';
import { SubsyncService } from '../api/service';
import type { Config } from '../config/schema';
import { billingPort } from '../connectors/ports';
import { buildConnectors, Connectors } from '../connectors/registry';
import { startSimulators, RunningSimulators } from '../simulators/main';
import { Store } from '../store/store';
import { billingWatcherWorkflowId } from '../workflows/billing-watcher';
import { createWorker } from '../worker/worker';
import { DevServer, startDevServer } from './dev-server';
import type { Logger } from 'pino';
import { ensureInvoicingSchedule } from './schedules';
import { createNotificationDispatcher, NotificationDispatcher } from '../notifications/dispatcher';
import { ensureNotificationReportSchedule, startNotificationWorkflows } from './notifications';
import { InboxRedelivery } from './inbox-redelivery';
import { connectClient, connectWorker, ensureSearchAttributes, installTemporalLogging } from './temporal';

export interface RunningSubsync {
  config: Config;
  temporalAddress: string;
  uiUrl?: string;
  /** Empty when this process serves no API. */
  apiUrl: string;
  client: Client;
  store: Store;
  connectors: Connectors;
  service: SubsyncService;
  dispatcher: EventDispatcher;
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
  installTemporalLogging(logger, config.log.level);
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
      simulators = await startSimulators({ ports: config.simulators.ports, seedDemo: config.simulators.seedDemo });
      cleanups.push(() => simulators!.stop());
    }

    const connectors = buildConnectors(config, { logger });
    let notifications: NotificationDispatcher | undefined;
    if (config.notifications.enabled) {
      notifications = createNotificationDispatcher(config.notifications, { connectors, outbox: store.outbox, logger });
      // Custom modules and connectors are looked up now, so a wrong config stops the start with its reason.
      notifications.check();
      cleanups.push(() => notifications!.close());
    }
    const dispatcher = new EventDispatcher({ client, store, taskQueue: config.temporal.taskQueue, billingSystems: connectors.billingNames(), logger, deliveryTimeoutMs: config.api.deliveryTimeoutMs });
    const connectorChecks = Object.fromEntries(connectors.all().map(({ name, definition, instance }) => [`${definition.port.id === billingPort.id ? 'billing' : 'platform'}:${name}`, () => instance.health()]));
    const service = new SubsyncService({ client, store, dispatcher, connectorChecks, config, connectors });

    let worker: Worker | undefined;
    let workerRun: Promise<void> | undefined;
    let workerConnection: NativeConnection | undefined;
    const startWorker = async () => {
      workerConnection ??= await connectWorker(temporalCfg);
      worker = await createWorker({ config, connectors, store, logger, connection: workerConnection, namespace: config.temporal.namespace, taskQueue: config.temporal.taskQueue, events: () => dispatcher, notifications });
      workerRun = worker.run();
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
    if (options.api !== false) {
      const api = await startApi(service, { port: config.api.port, host: config.api.host, logger });
      cleanups.push(() => api.app.close());
      apiUrl = api.url;
      const redelivery = new InboxRedelivery({ store, dispatcher, logger, intervalMs: config.api.redeliverEveryMs });
      redelivery.start();
      cleanups.push(() => redelivery.stop());
    }

    // Monthly TV invoicing runs on a Temporal Schedule whenever the billing system it bills is configured.
    if (options.schedules !== false && config.billing[config.invoicing.billing]) {
      const { scheduleId, created } = await ensureInvoicingSchedule(client, config);
      logger.info({ scheduleId, created }, 'TV invoicing schedule ready');
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
      for (const [billing, w] of Object.entries(config.watch)) {
        if (!w.enabled) continue;
        // Watchers keep no state of their own (cursors live in the store), so a restart with new settings is safe.
        await client.workflow.start('billingWatcherWorkflow', {
          workflowId: billingWatcherWorkflowId(billing),
          taskQueue: config.temporal.taskQueue,
          args: [{ billing, intervalSeconds: w.intervalSeconds }],
          workflowIdConflictPolicy: 'TERMINATE_EXISTING',
          staticSummary: `Watches ${billing} every ${w.intervalSeconds}s for changes made in billing itself`,
        });
      }
    }

    return {
      config,
      temporalAddress: address,
      uiUrl: devServer?.uiUrl,
      apiUrl,
      client,
      store,
      connectors,
      service,
      dispatcher,
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
