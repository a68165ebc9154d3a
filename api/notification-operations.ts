import type { NotificationMessage } from '../domain/outbox';

/**
 * NotificationDispatcher's operations (the outbox of notifications from a change feed): endpoints and their
 * state, the backlog and failures, one message with its attempt log, resend, recover, enable and
 * disable. Part of SubsyncOperations; served under /v1/notifications.
 *
 * Scopes (api/auth/permissions.ts): `notifications:read` for the reads, `notifications:resend` for
 * resend and recover, `notifications:manage` for enable and disable.
 */

export type NotificationEndpointType = 'webhook' | 'connector' | 'custom';
export type NotificationDeliveryStatus = 'pending' | 'delivered' | 'failed' | 'superseded';

export interface NotificationEndpointView {
  name: string;
  type: NotificationEndpointType;
  /** The webhook URL, the connector's platform name, or the custom module's path. */
  target: string;
  modules: string[];
  /** Delivering now: enabled in the config and not disabled (by an operator, a 410, or days of failures). */
  enabled: boolean;
  enabledInConfig: boolean;
  disabledReason?: string;
  disabledAt?: string;
  /** Failing without a break since then (the endpoint's own backoff). */
  failingSince?: string;
  pausedUntil?: string;
  pending: number;
  /** Pending whose time has come (waiting for a batch, or behind the endpoint's pause). */
  due: number;
  failed: number;
  delivered: number;
  oldestPendingAt?: string;
}

export interface NotificationDeliveryView {
  endpoint: string;
  messageId: string;
  type: string;
  orderKey: string;
  status: NotificationDeliveryStatus;
  attempts: number;
  nextAttemptAt?: string;
  lastAttemptAt?: string;
  deliveredAt?: string;
  lastStatus?: number;
  lastError?: string;
  createdAt: string;
}

export interface NotificationAttemptView {
  endpoint: string;
  attempt: number;
  at: string;
  durationMs: number;
  outcome: 'delivered' | 'unavailable' | 'rejected' | 'gone' | 'throttled';
  statusCode?: number;
  error?: string;
  receipt?: string;
}

export interface NotificationMessageView extends NotificationMessage {
  createdAt: string;
  deliveries: NotificationDeliveryView[];
  /** Every attempt to every endpoint, oldest first. */
  attempts: NotificationAttemptView[];
}

export interface NotificationDeliveriesQuery {
  status: 'pending' | 'failed';
  endpoint?: string;
  /** Stored at or after this time (ISO 8601). */
  since?: string;
  /** Default 100, at most 1000. */
  limit?: number;
}

/** Backlog and failures per endpoint, for `subsync health` and /healthz. */
export interface NotificationHealth {
  pending: number;
  failed: number;
  endpoints: { name: string; enabled: boolean; pending: number; failed: number; disabledReason?: string }[];
}

export interface NotificationOperations {
  listNotificationEndpoints(): Promise<NotificationEndpointView[]>;
  /** Enables an endpoint (its trouble forgotten) and wakes its delivery loop: what waits is delivered. */
  enableNotificationEndpoint(name: string, note?: string): Promise<NotificationEndpointView>;
  /** Stops delivery to an endpoint; messages keep arriving in the outbox for it. */
  disableNotificationEndpoint(name: string, note?: string): Promise<NotificationEndpointView>;
  /** The backlog (pending, oldest first) or the failures (given up, newest first). */
  listNotificationDeliveries(query: NotificationDeliveriesQuery): Promise<NotificationDeliveryView[]>;
  /** A message with its deliveries and attempt log, or null. */
  getNotificationMessage(messageId: string): Promise<NotificationMessageView | null>;
  /** Delivers a message again with the same webhook-id (to one endpoint, or every endpoint it went to). */
  resendNotification(messageId: string, endpoint?: string): Promise<{ messageId: string; endpoints: string[] }>;
  /** Every message of the endpoint that gave up, stored since `since`, is delivered again. */
  recoverNotifications(endpoint: string, since: string): Promise<{ endpoint: string; since: string; recovered: number }>;
}
