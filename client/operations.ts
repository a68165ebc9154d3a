import type { LifecycleEventType } from '../domain/events';
import type { OperatorDecision, SubmitOutcome, SubscriberView } from '../workflows/definitions';

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
  /** With wait: what became of the event before the wait ended. */
  status?: 'applied' | 'skipped' | 'queued' | 'parked' | 'unknown';
  subscriber?: SubscriberView;
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
}

export interface ParkedSummary {
  workflowId: string;
  billing: string;
  account: string;
  reason: string;
  since?: string;
}

export interface HealthReport {
  ok: boolean;
  temporal: ComponentHealth;
  store: ComponentHealth;
  connectors: Record<string, ComponentHealth>;
}
export interface ComponentHealth {
  ok: boolean;
  error?: string;
  latencyMs?: number;
}

export interface SubsyncOperations {
  submitEvent(input: unknown, options?: { wait?: boolean; timeoutMs?: number }): Promise<SubmitEventResponse>;
  getSubscriber(billing: string, account: string): Promise<SubscriberDetails | null>;
  listParked(): Promise<ParkedSummary[]>;
  resolveParked(billing: string, account: string, decision: OperatorDecision): Promise<{ commandId: string; action: OperatorDecision['action'] }>;
  health(): Promise<HealthReport>;
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

export class NotFoundError extends Error {
  override name = 'NotFoundError';
}

/** retry/skip when nothing is parked. */
export class NothingParkedError extends Error {
  override name = 'NothingParkedError';
}

export type { LifecycleEventType };
