import path from 'node:path';
import { bundleWorkflowCode, NativeConnection, Worker, WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { createWatcherActivities } from '../activities/watcher-activities';
import { createInvoicingActivities } from '../activities/invoicing-activities';
import { createReconcileActivities } from '../activities/reconcile-activities';
import { createSubscriberActivities, ActivityDeps, servicePolicies } from '../activities/subscriber-activities';
import { createLegacySubscriberActivities } from '../activities/legacy-activities';
import type { EventSink } from '../activities/types';
import { activityCancellation } from './activity-cancellation';
import { activityMetricsInterceptor } from './activity-metrics';

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
    ...createReconcileActivities({ connectors: deps.connectors, services: () => servicePolicies(deps.config), events: deps.events, logger: deps.logger }),
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
    // Every activity is I/O bound; workflows are cheap. Sized for a 2-core box, raise on bigger ones.
    maxConcurrentActivityTaskExecutions: 200,
    maxCachedWorkflows: 2000,
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
