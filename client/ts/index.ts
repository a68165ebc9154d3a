/**
 * The subsync TypeScript client: billing integrations import this.
 *
 *   const subsync = new SubsyncClient({ baseUrl: 'http://127.0.0.1:3000' });
 *   await subsync.submitEvent({ id, billing: 'lanbilling', account: '42', type: 'block', reason: 'manager' });
 */
export { SubsyncClient } from './client';
export type { SubsyncClientOptions } from './client';
export { SubsyncApiError } from './errors';
export { EventConflictError, InvalidEventError, InvalidRequestError, NothingParkedError, NotFoundError, SessionRefusedError } from '../../api/operations';
export type {
  AccountObservation,
  ComponentHealth,
  HealthReport,
  InvoicingBackfill,
  InvoicingRunRequest,
  InvoicingRunStarted,
  InvoicingRunStatus,
  InvoicingSchedule,
  ParkedSummary,
  PendingActivityView,
  ReconcileRequest,
  ReconcileRun,
  ScheduledInvoicingRun,
  StbImportResult,
  SubmitEventResponse,
  SubscriberDetails,
  SubsyncOperations,
  WorkflowStatus,
  BookSessionRequest,
  SessionAction,
  SessionRecord,
  UsageRunRequest,
  UsageRunStarted,
  UsageRunStatus,
  UsageSchedule,
  UsageSummary,
} from '../../api/operations';
export type { UsageBillingProgress, UsageBillingResult } from '../../workflows/usage-billing';
export type { UsageParentSummary } from '../../activities/usage-billing-activities';
export type {
  NotificationAttemptView,
  NotificationDeliveriesQuery,
  NotificationDeliveryView,
  NotificationEndpointView,
  NotificationHealth,
  NotificationMessageView,
  NotificationOperations,
} from '../../api/notification-operations';
export type { Drift } from '../../activities/reconcile-activities';
export type { ReconcileSummary } from '../../workflows/reconcile';
export type { InvoicingProgress, InvoicingResult, InvoicingSummary } from '../../workflows/tv-invoicing';
export type { LifecycleEventInput, LifecycleEventType } from '../../domain/events';
export { deterministicEventId, lifecycleEventTypes } from '../../domain/events';
export type { OperatorDecision, SubscriberView } from '../../workflows/definitions';
