/**
 * The vocabulary of the change-feed poller and the outbox: what a source reports, what goes into
 * the outbox, what a transmitter answers, and the retry schedule. Pure types and functions; the
 * store keeps the rows, activities move them, a plug-in folder (e.g. notifications/) says what a
 * source's changes become.
 */

/** One change as a change feed reports it. `changeId` is stable: the same change read twice has the same id. */
export interface FeedChange {
  changeId: string;
  /** What the change is about, e.g. `license.created`. */
  type: string;
  /** When it happened at the source (ISO 8601). */
  at: string;
  /** The change as the source reported it (kept in the store as received). */
  data: Record<string, unknown>;
}

export interface FeedPage {
  changes: FeedChange[];
  /** Where the next read starts; stored only once the page's changes are stored. */
  nextCursor: string;
  hasMore: boolean;
}

/** A message for the outbox, built from one or more changes. */
export interface OutgoingMessage {
  /** Stable across retries and re-polls (the webhook-id, the target's idempotency key). No `.` in it. */
  messageId: string;
  /** e.g. `order.created`, `activation.transaction`. */
  type: string;
  /** Messages with the same key reach each endpoint in the order they were stored. */
  orderKey: string;
  /** When the (last) change happened at the source (ISO 8601). */
  occurredAt: string;
  /** What endpoints receive as `data`. */
  data: Record<string, unknown>;
  /** Only the latest state counts: older undelivered messages of the same key are dropped for good. */
  supersedesOlder?: boolean;
  /** The changes it was built from (not transmitted). */
  changeIds: string[];
}

/**
 * What a source's changes become. `complete` is false when the page that ended `changes` said
 * more changes wait: a builder that groups changes (a transaction) may then hold back the
 * trailing ones (`held`) until the next poll, where they come back in front of the new ones.
 */
export interface MessageBuilder {
  build(feed: string, changes: FeedChange[], complete: boolean): { messages: OutgoingMessage[]; held: string[] };
}

/** A change feed of one source: pages of changes after a cursor. */
export interface ChangeFeedReader {
  readonly feeds: readonly string[];
  read(feed: string, cursor: string | undefined, limit: number): Promise<FeedPage>;
}

/** A notification message: what happened at which source and feed, the key its order is kept by, its data. */
export interface NotificationMessage {
  messageId: string;
  source: string;
  feed: string;
  type: string;
  orderKey: string;
  /** ISO 8601. */
  occurredAt: string;
  data: Record<string, unknown>;
}

/** A stored message (its time a Date) as transmitters and operators see it. */
export function notificationMessageOf(stored: Omit<NotificationMessage, 'occurredAt'> & { occurredAt: Date }): NotificationMessage {
  const { messageId, source, feed, type, orderKey, occurredAt, data } = stored;
  return { messageId, source, feed, type, orderKey, occurredAt: occurredAt.toISOString(), data };
}

/** A message as transmitters receive it. */
export interface OutboxMessage extends NotificationMessage {
  seq: number;
  /** This endpoint's attempt number for the message, from 1. */
  attempt: number;
}

/**
 * How one attempt ended. `unavailable` and `throttled` are about the endpoint (it is down, slow or
 * asks us to wait): no other message is tried until it is retried; `rejected` is about this
 * message (its own schedule); `gone` disables the endpoint.
 */
export type TransmitOutcome =
  | { ok: true; status?: number; receipt?: string }
  | { ok: false; kind: 'unavailable' | 'rejected' | 'gone'; status?: number; error: string }
  | { ok: false; kind: 'throttled'; status?: number; error: string; retryAfterMs: number };

/** Delivers one message to one endpoint. Never throws: every failure is an outcome. */
export interface Transmitter {
  readonly endpoint: string;
  send(message: OutboxMessage): Promise<TransmitOutcome>;
  close?(): Promise<void>;
}

/** The Standard Webhooks retry schedule: immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h. */
export const STANDARD_RETRY_SCHEDULE_SECONDS = [0, 5, 300, 1800, 7200, 18_000, 36_000, 50_400, 72_000, 86_400] as const;

/**
 * The delay before attempt `step + 1` (step 0 = the first attempt, immediately), with random
 * jitter of ±`jitter` so that endpoints failing together are not retried together; undefined
 * once the schedule is used up. The endpoint-level backoff keeps repeating the last delay.
 */
export function retryDelayMs(schedule: readonly number[], step: number, jitter: number, random: () => number = Math.random, repeatLast = false): number | undefined {
  const index = step < schedule.length ? step : repeatLast ? schedule.length - 1 : -1;
  if (index < 0) return undefined;
  const base = schedule[index]! * 1000;
  if (base === 0) return 0;
  return Math.round(base * (1 + jitter * (2 * random() - 1)));
}

/** One source of change feeds, as the poller sees it: how to read, what the changes become, who gets them. */
export interface ChangeFeedSource {
  readonly name: string;
  readonly reader: ChangeFeedReader;
  readonly builder: MessageBuilder;
  readonly pageSize: number;
  /** Pages one poll reads at most before handing back to the workflow (which polls again at once). */
  readonly maxPagesPerPoll: number;
  /** The endpoints that get the messages built from one feed. */
  endpointsFor(feed: string): string[];
}

export interface DeliverySettings {
  batchSize: number;
  concurrency: number;
  retryScheduleSeconds: readonly number[];
  jitter: number;
  /** An endpoint failing without a break for this long is disabled. */
  disableAfterMs: number;
}

/**
 * What the generic poller and delivery activities get from the plug-in that knows the source and
 * the endpoints (notifications/ for a license server): sources, transmitters, settings, alerts.
 */
export interface OutboxRouting {
  source(name: string): ChangeFeedSource;
  /** The endpoint's transmitter; undefined when no endpoint of that name is configured. */
  transmitter(endpoint: string): Transmitter | undefined;
  /** Whether the config enables the endpoint (an operator may still have disabled it in the store). */
  enabledInConfig(endpoint: string): boolean;
  readonly delivery: DeliverySettings;
  /** Tells the operator about an endpoint's trouble (log, and e-mail when configured). */
  alert(endpoint: string, subject: string, text: string): Promise<void>;
}

/** The figures a periodic report carried, for the workflow's result. */
export interface PeriodReportSummary {
  from: string;
  to: string;
  recipients: string[];
  figures: Record<string, number>;
  messageId?: string;
}

/** Sends the report of the period that ended at or before `at` (a Schedule's time). */
export interface PeriodReporter {
  send(input: { at: string }): Promise<PeriodReportSummary>;
}
