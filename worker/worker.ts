import { NativeConnection, Worker } from '@temporalio/worker';
import { createWatcherActivities } from '../activities/watcher-activities';
import { createInvoicingActivities } from '../activities/invoicing-activities';
import { createUsageBillingActivities } from '../activities/usage-billing-activities';
import { createReconcileActivities } from '../activities/reconcile-activities';
import { createSubscriberActivities, ActivityDeps, servicePolicies } from '../activities/subscriber-activities';
import { createLegacySubscriberActivities } from '../activities/legacy-activities';
import type { EventSink } from '../activities/types';
import { activityCancellation } from './activity-cancellation';
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

/** After the grace time, how long cancelled activities and workflow tasks get before the worker gives up on them. */
export const SHUTDOWN_FORCE_AFTER_GRACE_MS = 5_000;

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
  const cancellation = activityCancellation();
  const worker = await Worker.create({
    connection: deps.connection,
    namespace: deps.namespace,
    taskQueue: deps.taskQueue,
    workflowBundle: await workflowBundle(),
    activities,
    interceptors: { activity: [activityMetricsInterceptor, cancellation.interceptor] },
    // On SIGTERM: stop polling, let in-flight activities finish for the grace time, then cancel them
    // (handed back to Temporal, retried by another worker) and, should anything still hang, give up.
    shutdownGraceTime: deps.config.worker.shutdownGraceMs,
    shutdownForceTime: deps.config.worker.shutdownGraceMs + SHUTDOWN_FORCE_AFTER_GRACE_MS,
    // Heartbeats reach the server at least every 3 s, well inside the workflows' 10 s heartbeat timeouts.
    maxHeartbeatThrottleInterval: '3 seconds',
    defaultHeartbeatThrottleInterval: '3 seconds',
    // Every activity is I/O bound; workflows are cheap. Defaults sized for a 2-core box (config `worker`).
    maxConcurrentActivityTaskExecutions: deps.config.worker.maxConcurrentActivities,
    maxConcurrentLocalActivityExecutions: deps.config.worker.maxConcurrentLocalActivities,
    maxCachedWorkflows: deps.config.worker.maxCachedWorkflows,
    workflowThreadPoolSize: deps.config.worker.workflowThreads,
  });
  // Whoever starts the shutdown (our stop, or the SDK on SIGTERM/SIGINT calls worker.shutdown()):
  // once the grace time is over, what still runs is handed back.
  const shutdown = worker.shutdown.bind(worker);
  worker.shutdown = () => {
    setTimeout(cancellation.handBack, deps.config.worker.shutdownGraceMs).unref();
    shutdown();
  };
  return worker;
}
