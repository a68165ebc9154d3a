import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { ReportActivities } from '../activities/outbox-types';
import type { PeriodReportSummary } from '../domain/outbox';

const { sendPeriodReport } = proxyActivities<ReportActivities>({
  startToCloseTimeout: '5 minutes',
  // A mail server that is down is retried for a while; a report a day late is still useful.
  retry: { initialInterval: '10 seconds', maximumInterval: '10 minutes', maximumAttempts: 50 },
});

export const notificationReportWorkflowType = 'notificationReportWorkflow';

export interface NotificationReportInput {
  /** The report's time (ISO 8601); default: the time the Schedule meant to start it. */
  at?: string;
}

/**
 * One periodic report: the period that ended before the report's time, counted and mailed. The
 * Schedule only supplies the time, so a run triggered late or backfilled reports its own period.
 */
export async function notificationReportWorkflow(input: NotificationReportInput = {}): Promise<PeriodReportSummary> {
  const scheduled = workflowInfo().searchAttributes?.TemporalScheduledStartTime as unknown[] | undefined;
  const at = input.at ?? (scheduled?.[0] ? new Date(scheduled[0] as string | Date).toISOString() : workflowInfo().startTime.toISOString());
  return sendPeriodReport({ at });
}
