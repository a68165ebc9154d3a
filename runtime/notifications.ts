import { Client, ScheduleAlreadyRunning, ScheduleOverlapPolicy, ScheduleSpec, ScheduleUpdateOptions } from '@temporalio/client';
import type { Config } from '../config/schema';
import { enabledModules } from '../notifications/config';
import { changeFeedPollerWorkflowId, changeFeedPollerWorkflowType, ChangeFeedPollerInput } from '../workflows/change-feed-poller';
import { notificationReportWorkflowType } from '../workflows/notification-report';
import { outboxChangedSignal, outboxDeliveryWorkflowId, outboxDeliveryWorkflowType, OutboxDeliveryInput } from '../workflows/outbox-delivery';

/**
 * NotificationDispatcher's long-running pieces: the change-feed poller of the source, one
 * delivery loop per configured endpoint, and the periodic report's Schedule.
 */
type Settings = Pick<Config, 'notifications'> & { temporal: Pick<Config['temporal'], 'taskQueue'> };

export async function startNotificationWorkflows(client: Client, config: Settings): Promise<{ poller: string; deliveries: string[] }> {
  const n = config.notifications;
  const taskQueue = config.temporal.taskQueue;
  const deliveries: string[] = [];
  for (const [endpoint, e] of Object.entries(n.endpoints)) {
    const workflowId = outboxDeliveryWorkflowId(endpoint);
    // A running loop keeps its totals; it is woken so it reads the (maybe changed) config and the store now.
    await client.workflow.signalWithStart(outboxDeliveryWorkflowType, {
      workflowId,
      taskQueue,
      args: [{ endpoint } satisfies OutboxDeliveryInput],
      signal: outboxChangedSignal,
      signalArgs: [],
      staticSummary: `Delivers the outbox's messages to ${endpoint} (${e.type === 'webhook' ? e.url : e.type === 'connector' ? `connector ${e.platform}` : `custom module ${e.module}`})`,
    });
    deliveries.push(workflowId);
  }
  const poller = changeFeedPollerWorkflowId(n.source);
  // The poller keeps no state of its own (cursors live in the store): a restart with new settings is safe.
  await client.workflow.start(changeFeedPollerWorkflowType, {
    workflowId: poller,
    taskQueue,
    args: [{ source: n.source, feeds: enabledModules(n), intervalSeconds: n.intervalSeconds } satisfies ChangeFeedPollerInput],
    workflowIdConflictPolicy: 'TERMINATE_EXISTING',
    staticSummary: `Polls ${n.source} every ${n.intervalSeconds}s for ${enabledModules(n).join(', ')}`,
  });
  return { poller, deliveries };
}

export const notificationReportScheduleId = (source: string) => `notification-report:${source}`;

function reportSpec(r: Config['notifications']['report']): ScheduleSpec {
  const at = { hour: r.hour, minute: r.minute };
  if (r.period === 'day') return { calendars: [{ ...at, comment: 'daily license report' }], timezone: r.timezone };
  if (r.period === 'week') return { calendars: [{ ...at, dayOfWeek: 'MONDAY', comment: 'weekly license report' }], timezone: r.timezone };
  return { calendars: [{ ...at, dayOfMonth: 1, comment: 'monthly license report' }], timezone: r.timezone };
}

/**
 * Creates the report's Schedule or brings it up to date. `report.paused` pauses it; a pause an
 * operator made survives restarts (as the invoicing Schedule's does).
 */
export async function ensureNotificationReportSchedule(client: Client, config: Settings): Promise<{ scheduleId: string; created: boolean }> {
  const n = config.notifications;
  const scheduleId = notificationReportScheduleId(n.source);
  const definition: Omit<ScheduleUpdateOptions, 'state'> = {
    spec: reportSpec(n.report),
    action: {
      type: 'startWorkflow',
      workflowType: notificationReportWorkflowType,
      workflowId: scheduleId,
      taskQueue: config.temporal.taskQueue,
      args: [{}],
      staticSummary: `${n.report.period} license report of ${n.source} to ${n.report.recipients.join(', ')}`,
    },
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day', pauseOnFailure: false },
  };
  const configNote = 'paused by config (notifications.report.paused)';
  try {
    await client.schedule.create({ scheduleId, ...definition, state: { paused: n.report.paused, note: n.report.paused ? configNote : 'created by subsync' } });
    return { scheduleId, created: true };
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
  }
  await client.schedule.getHandle(scheduleId).update((previous) => {
    if (n.report.paused) return { ...definition, state: { paused: true, note: configNote } };
    const pausedByConfig = previous.state.paused && previous.state.note === configNote;
    return { ...definition, state: pausedByConfig ? { paused: false, note: 'unpaused by config' } : { paused: previous.state.paused, note: previous.state.note } };
  });
  return { scheduleId, created: false };
}
