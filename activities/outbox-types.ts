import type { PeriodReportSummary } from '../domain/outbox';

/**
 * The activity surface of the change-feed poller, the outbox delivery loop and the periodic
 * report, as the workflows see it (types only).
 */
export interface ChangeFeedPollResult {
  source: string;
  feed: string;
  pages: number;
  /** Changes the source reported (a change reported twice counts twice here)... */
  changes: number;
  /** ...and those not received before. */
  newChanges: number;
  /** Messages put into the outbox. */
  messages: number;
  /** Changes held back for the next poll (a transaction still open at the end of the last page). */
  held: number;
  /** Pages were left unread (the poll's page budget ran out): poll again at once. */
  more: boolean;
  /** Endpoints that got new messages. */
  endpoints: string[];
}

export interface ChangeFeedActivities {
  /** Reads the feed's pages after the stored cursor, storing each page (changes, messages, deliveries, then the cursor). */
  pollChangeFeed(input: { source: string; feed: string }): Promise<ChangeFeedPollResult>;
}

export interface DeliveryBatchResult {
  endpoint: string;
  attempted: number;
  delivered: number;
  /** Attempts that failed and will be retried (on the message's or the endpoint's schedule). */
  retrying: number;
  /** Messages whose schedule ran out: failed, until an operator resends or recovers them. */
  gaveUp: number;
  /** Disabled (by an operator, the config, a 410 or days of failures): the loop waits for a signal. */
  disabled: boolean;
  disabledReason?: string;
  /** The batch was full: run the next one at once. */
  more: boolean;
  /** When the next delivery is due (epoch ms); absent when nothing is pending. */
  wakeAt?: number;
  /** The endpoint is backing off (down, or it asked to wait) until then (epoch ms). */
  pausedUntil?: number;
  lastError?: string;
}

export interface DeliveryActivities {
  /** Delivers the endpoint's due messages, one batch, in order per key with bounded concurrency. */
  deliverDueMessages(input: { endpoint: string }): Promise<DeliveryBatchResult>;
}

export interface ReportActivities {
  /** Sends the report of the period that ended at or before `at` (ISO 8601). */
  sendPeriodReport(input: { at: string }): Promise<PeriodReportSummary>;
}
