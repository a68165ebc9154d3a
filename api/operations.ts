import type { WorkflowExecutionStatusName } from '@temporalio/client';
import type { SetTopBoxImportResult as StbImportResult } from '../connectors/tv-billing/port';
import type { LifecycleEventType } from '../domain/events';
import type { OperatorDecision, SubmitOutcome, SubscriberView } from '../workflows/definitions';
import type { ReconcileSummary } from '../workflows/reconcile';
import type { InvoicingProgress, InvoicingResult } from '../workflows/tv-invoicing';
import type { SessionAction, SessionBooking, SessionRecord } from '../domain/session';
import type { UsageSummaryRow } from '../store/usage-summary';
import type { UsageBillingProgress, UsageBillingResult } from '../workflows/usage-billing';
export { SessionRefusedError } from '../kinds/sessions';
import type { NotificationHealth, NotificationOperations } from './notification-operations';

/**
 * Everything billing and operators can ask of subsync. The server implements it against
 * Temporal and the store (client/service.ts); the HTTP API exposes it; the TypeScript client
 * and the CLI call it over HTTP. One vocabulary everywhere.
 */
export interface SubmitEventResponse {
  eventId: string;
  workflowId: string;
  outcome: SubmitOutcome;
  position: number;
  /** 'pending': recorded in the inbox but not yet handed to Temporal (no worker answered in time); it will be, in order. */
  delivery?: 'pending';
  /** With wait: what became of the event before the wait ended. */
  status?: 'applied' | 'skipped' | 'queued' | 'parked' | 'unknown';
  subscriber?: SubscriberView;
}

/** One look at a billing account, as the watcher takes it (POST /v1/watch/{billing}/{account}). */
export interface AccountObservation {
  billing: string;
  account: string;
  /**
   * The stamp of the account's current state: the id the watcher gives (or gave) the change that
   * led to it is `deterministicEventId({ billing, account, type, stamp })`, so a hook naming its
   * event that way reports it under the same id.
   */
  stamp: string;
  /** Whether this look found a change nobody had recorded yet (and sent it). */
  changed: boolean;
  /** The event this look sent, and the dispatcher's answer. */
  event?: { id: string; type: string; outcome: 'accepted' | 'duplicate' | 'conflict' };
}

export interface PendingActivityView {
  activityType: string;
  attempt: number;
  state: string;
  lastFailure?: string;
  nextAttemptAt?: string;
}

export interface SubscriberDetails extends SubscriberView {
  workflowId: string;
  runId: string;
  /** Activities Temporal is retrying right now, with their last failure: "what is retrying and why". */
  retrying: PendingActivityView[];
  links: { platform: string; login: string; profileId: string; attachmentId: string; updatedAt: string }[];
  ledger: { service: string; period: string; amount: string; status: string; chargeId?: string | null }[];
  /** What was done to this subscriber and by which credential, newest first. */
  audit: AuditRecordView[];
}

export interface AuditRecordView {
  at: string;
  action: string;
  eventId?: string;
  /** "<name> (<id>)" of the API credential; absent when subsync acted on its own. */
  actor?: string;
}

export interface ParkedSummary {
  workflowId: string;
  billing: string;
  account: string;
  reason: string;
  since?: string;
}

/** What /healthz tells a caller without a credential: up or not, nothing about the configuration. */
export interface HealthSummary {
  ok: boolean;
}

export interface HealthReport {
  ok: boolean;
  temporal: ComponentHealth;
  store: ComponentHealth;
  connectors: Record<string, ComponentHealth>;
  /** The outbox's backlog and failures per endpoint, when notifications are enabled (informational: `ok` does not depend on it). */
  notifications?: NotificationHealth;
}
export interface ComponentHealth {
  ok: boolean;
  error?: string;
  latencyMs?: number;
}

/** A Temporal workflow's state, as Temporal names it ("RUNNING", "COMPLETED", "FAILED", ...). */
export type WorkflowStatus = WorkflowExecutionStatusName;

export interface ReconcileRequest {
  billing: string;
  /** One account; without it every account billing lists. */
  account?: string;
  /** false (dry run): report the drift only; true: send each drifted account's workflow a sync. */
  repair: boolean;
}

/**
 * Subscriber workflows that reach one billing account under different spellings ("07" and "7"
 * in LANBilling: the connector reads both as vgroup 7). Each would charge the account: keep the
 * one with the canonical id and terminate the others.
 */
export interface DuplicateSubscribers {
  billing: string;
  /** The account in billing's own spelling. */
  account: string;
  workflowIds: string[];
}

/** A reconcile run (workflow `reconcile:<billing>:<account|fleet>:<ISO time>`). */
export interface ReconcileRun {
  workflowId: string;
  status: WorkflowStatus;
  /** The totals so far while it runs; the final totals once completed. */
  summary?: ReconcileSummary;
  /** Once the run ended: running subscriber workflows of this billing system that share one account. */
  duplicates?: DuplicateSubscribers[];
  /** Why it failed, was terminated or timed out. */
  failure?: string;
}

export interface InvoicingRunRequest {
  /** A billing system with TV invoicing; default: the one the config invoices (`invoicing.billing`). */
  billing?: string;
  /** "Vencimento", YYYY-MM-DD; default: this month's due day. */
  dueDate?: string;
  /** Save nothing; the result lists what would be created. */
  dryRun?: boolean;
}

export interface InvoicingRunStarted {
  workflowId: string;
  runId: string;
  billing: string;
  dueDate: string;
  dryRun: boolean;
}

/** An invoicing run: progress while it runs, the result once completed. */
export interface InvoicingRunStatus {
  workflowId: string;
  runId: string;
  status: WorkflowStatus;
  progress?: InvoicingProgress;
  result?: InvoicingResult;
  failure?: string;
}

/** A run the invoicing Schedule started (on time, triggered or backfilled). Times are ISO 8601. */
export interface ScheduledInvoicingRun {
  workflowId: string;
  firstExecutionRunId: string;
  scheduledAt: string;
  takenAt: string;
}

/** What every monthly job's Schedule reports; each job adds its own fields. */
export interface MonthlySchedule {
  scheduleId: string;
  paused: boolean;
  note?: string;
  /** When it fires, in `timezone`. */
  calendar: { dayOfMonth: number; hour: number; minute: number };
  timezone: string;
  nextRunTimes: string[];
}

export interface InvoicingSchedule extends MonthlySchedule {
  /** Each run bills this day of its scheduled month. */
  dueDayOfMonth: number;
  overlap: string;
  catchupWindowMs: number;
  recentRuns: ScheduledInvoicingRun[];
  runningWorkflowIds: string[];
}

export interface InvoicingBackfill {
  month: string;
  dueDate: string;
  scheduledAt: string;
  /** Absent when the Schedule had not started the run within the wait (it still will). */
  run?: ScheduledInvoicingRun;
}

export type { StbImportResult };

export type { SessionAction, SessionRecord };

/** A booking; `service` names the subscriber's service when it has more than one with sessions. */
export interface BookSessionRequest extends SessionBooking {
  service?: string;
}

export interface UsageRunRequest {
  /** YYYY-MM; default: last month. */
  month?: string;
  /** Charge nothing; the result lists what would be charged. */
  dryRun?: boolean;
  /** One service only (default: every service usage billing is configured for). */
  service?: string;
}

export interface UsageRunStarted {
  workflowId: string;
  runId: string;
  month: string;
  dryRun: boolean;
}

/** A usage billing run: progress while it runs, the result (a summary per parent) once completed. */
export interface UsageRunStatus {
  workflowId: string;
  runId: string;
  status: WorkflowStatus;
  progress?: UsageBillingProgress;
  result?: UsageBillingResult;
  failure?: string;
}

/** The stored summary of one month, service and parent (the last run's), as the API gives it. Amounts are decimals in billing's currency. */
export type UsageSummary = Omit<UsageSummaryRow, 'id' | 'error' | 'finishedAt'> & {
  /** Why the parent could not be billed (further) by that run. */
  error?: string;
  /** ISO 8601. */
  finishedAt: string;
};

export interface UsageSchedule extends MonthlySchedule {
  recentRuns: { workflowId: string; scheduledAt: string; takenAt: string }[];
}

export interface SubsyncOperations extends NotificationOperations {
  submitEvent(input: unknown, options?: { wait?: boolean; timeoutMs?: number }): Promise<SubmitEventResponse>;
  getSubscriber(billing: string, account: string): Promise<SubscriberDetails | null>;
  /** Looks at one billing account now, as the watcher does, and sends what changed; answers the stamp hooks name their events with. */
  observeAccount(billing: string, account: string): Promise<AccountObservation>;
  listParked(): Promise<ParkedSummary[]>;
  resolveParked(billing: string, account: string, decision: OperatorDecision): Promise<{ commandId: string; action: OperatorDecision['action'] }>;
  health(): Promise<HealthReport>;

  /** Starts a reconcile run; with wait, answers once it completed or the wait ended. */
  reconcile(request: ReconcileRequest, options?: { wait?: boolean; timeoutMs?: number }): Promise<ReconcileRun>;
  /** A reconcile run by its workflow id, or null when there is none. */
  getReconciliation(workflowId: string): Promise<ReconcileRun | null>;

  /** Starts a TV invoicing run for one due date; asking again while it runs returns the same run. */
  startInvoicingRun(request: InvoicingRunRequest): Promise<InvoicingRunStarted>;
  getInvoicingRun(workflowId: string): Promise<InvoicingRunStatus | null>;
  /** The monthly invoicing Schedule, or null when it was never created. */
  getInvoicingSchedule(): Promise<InvoicingSchedule | null>;
  pauseInvoicing(note?: string): Promise<InvoicingSchedule>;
  unpauseInvoicing(note?: string): Promise<InvoicingSchedule>;
  /** Runs the Schedule now (also when paused); `run` once the Schedule has started it. */
  triggerInvoicing(): Promise<{ scheduleId: string; run?: ScheduledInvoicingRun }>;
  /** Runs the Schedule for a past (or future) month, YYYY-MM, billing that month's due date. */
  backfillInvoicing(month: string): Promise<InvoicingBackfill>;

  /** "Importar STB": registers the CSV's set-top boxes in a billing system that imports them. */
  importSetTopBoxes(csv: string, billing: string): Promise<StbImportResult>;

  /** Sessions the subscriber's workflow recorded, most recently touched first. */
  listSessions(billing: string, account: string): Promise<SessionRecord[]>;
  /** Books a session on the subscriber's license; SessionRefusedError when the platform refuses (license blocked, ...). */
  bookSession(billing: string, account: string, request: BookSessionRequest): Promise<SessionRecord>;
  /** The session as the platform sees it now. */
  getSession(billing: string, account: string, sessionId: string): Promise<SessionRecord>;
  /** Starts, ends, cancels a session or switches its recording; SessionRefusedError("quota_exceeded") when no line is free. */
  controlSession(billing: string, account: string, sessionId: string, action: SessionAction): Promise<SessionRecord>;

  /** Starts a usage billing run for one month; asking again while it runs returns the same run. */
  startUsageRun(request: UsageRunRequest): Promise<UsageRunStarted>;
  getUsageRun(workflowId: string): Promise<UsageRunStatus | null>;
  /** The stored summaries of a month (one per service and parent). */
  listUsageSummaries(month: string): Promise<UsageSummary[]>;
  /** The month-end Schedule, or null when none is configured. */
  getUsageSchedule(): Promise<UsageSchedule | null>;
}

/** The API credential behind a request: audit records and `submittedBy` name it. */
export interface Caller {
  credentialId: string;
  name: string;
}

/** "<name> (<id>)". */
export const callerLabel = (caller: Caller) => `${caller.name} (${caller.credentialId})`;

/**
 * What the HTTP API serves: the operations, acting as one caller per request so every action
 * is recorded under the credential that asked for it.
 */
export interface ServedOperations extends SubsyncOperations {
  as(caller: Caller): SubsyncOperations;
}

/** Thrown for an event that fails validation; `issues` name each wrong field. */
export class InvalidEventError extends Error {
  constructor(readonly issues: { path: string; message: string }[]) {
    super(`invalid event: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
    this.name = 'InvalidEventError';
  }
}

/** The event id was used before for a different event. */
export class EventConflictError extends Error {
  constructor(readonly eventId: string) {
    super(`event id "${eventId}" was already used for a different event`);
    this.name = 'EventConflictError';
  }
}

/** A request (other than an event) with wrong fields; `issues` name each one. */
export class InvalidRequestError extends Error {
  constructor(readonly issues: { path: string; message: string }[]) {
    super(`invalid request: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
    this.name = 'InvalidRequestError';
  }
}

export class NotFoundError extends Error {
  override name = 'NotFoundError';
}

/** retry/skip when nothing is parked. */
export class NothingParkedError extends Error {
  override name = 'NothingParkedError';
}

export type { LifecycleEventType };
