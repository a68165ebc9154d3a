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

/** A message as transmitters receive it. */
export interface OutboxMessage {
  seq: number;
  messageId: string;
  source: string;
  feed: string;
  type: string;
  orderKey: string;
  occurredAt: string;
  data: Record<string, unknown>;
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
