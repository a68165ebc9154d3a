import path from 'node:path';
import { bundleWorkflowCode, NativeConnection, Worker, WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { createWatcherActivities } from '../activities/watcher-activities';
import { createInvoicingActivities } from '../activities/invoicing-activities';
import { createReconcileActivities } from '../activities/reconcile-activities';
import { createSubscriberActivities, ActivityDeps, servicePolicies } from '../activities/subscriber-activities';
import { createLegacySubscriberActivities } from '../activities/legacy-activities';
import type { EventSink } from '../activities/types';
import { createChangeFeedActivities } from '../activities/change-feed-activities';
import { createDeliveryActivities } from '../activities/delivery-activities';
import { createReportActivities } from '../activities/report-activities';
import type { NotificationDispatcher } from '../notifications/dispatcher';

export const workflowsPath = path.resolve(__dirname, '../workflows/index.ts');

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;
/**
 * Bundles the workflow code once per process (it takes seconds); every worker reuses it. A test
 * run bundles once for all its files and hands the result over in SUBSYNC_WORKFLOW_BUNDLE.
 */
export function workflowBundle(): Promise<WorkflowBundleWithSourceMap | { codePath: string }> {
  const prebuilt = process.env.SUBSYNC_WORKFLOW_BUNDLE;
  if (prebuilt) return Promise.resolve({ codePath: prebuilt });
  bundle ??= buildWorkflowBundle();
  return bundle;
}

export function buildWorkflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({ workflowsPath, logger: { log: () => undefined, trace: () => undefined, debug: () => undefined, info: () => undefined, warn: console.warn, error: console.error } });
}

export interface WorkerDeps extends ActivityDeps {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  events: () => EventSink;
  /** NotificationDispatcher (notifications/), when the config enables it: the outbox's source, endpoints and report. */
  notifications?: NotificationDispatcher;
}

/** One worker serves every subsync workflow and activity on the task queue. */
export async function createWorker(deps: WorkerDeps): Promise<Worker> {
  const activities = {
    ...createSubscriberActivities(deps),
    ...createLegacySubscriberActivities(deps),
    ...createWatcherActivities({ connectors: deps.connectors, store: deps.store, events: deps.events, logger: deps.logger }),
    ...createInvoicingActivities({ connectors: deps.connectors, logger: deps.logger }),
    ...createReconcileActivities({ connectors: deps.connectors, services: () => servicePolicies(deps.config), events: deps.events, logger: deps.logger }),
    ...createChangeFeedActivities({ store: deps.store, routing: () => deps.notifications, logger: deps.logger }),
    ...createDeliveryActivities({ store: deps.store, routing: () => deps.notifications, logger: deps.logger }),
    ...createReportActivities({ reporter: () => deps.notifications?.reporter }),
  };
  return Worker.create({
    connection: deps.connection,
    namespace: deps.namespace,
    taskQueue: deps.taskQueue,
    workflowBundle: await workflowBundle(),
    activities,
    // Every activity is I/O bound; workflows are cheap. Sized for a 2-core box, raise on bigger ones.
    maxConcurrentActivityTaskExecutions: 200,
    maxCachedWorkflows: 2000,
  });
}
