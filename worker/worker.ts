import { NativeConnection, Worker } from '@temporalio/worker';
import { createWatcherActivities } from '../activities/watcher-activities';
import { createInvoicingActivities } from '../activities/invoicing-activities';
import { createUsageBillingActivities } from '../activities/usage-billing-activities';
import { createReconcileActivities } from '../activities/reconcile-activities';
import { createSubscriberActivities, ActivityDeps, servicePolicies } from '../activities/subscriber-activities';
import { createLegacySubscriberActivities } from '../activities/legacy-activities';
import type { EventSink } from '../activities/types';
import { activityMetricsInterceptor } from './activity-metrics';
import { workflowBundle } from './workflow-bundle';
import { createChangeFeedActivities } from '../activities/change-feed-activities';
import { createDeliveryActivities } from '../activities/delivery-activities';
import { createReportActivities } from '../activities/report-activities';
import type { NotificationDispatcher } from '../notifications/dispatcher';

export { buildWorkflowBundle, workflowBundle, workflowsPath } from './workflow-bundle';

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
    ...createUsageBillingActivities(deps),
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
    interceptors: { activity: [activityMetricsInterceptor] },
    // Every activity is I/O bound; workflows are cheap. Defaults sized for a 2-core box (config `worker`).
    maxConcurrentActivityTaskExecutions: deps.config.worker.maxConcurrentActivities,
    maxConcurrentLocalActivityExecutions: deps.config.worker.maxConcurrentLocalActivities,
    maxCachedWorkflows: deps.config.worker.maxCachedWorkflows,
    workflowThreadPoolSize: deps.config.worker.workflowThreads,
  });
}
