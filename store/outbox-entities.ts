import { BigIntType, EntitySchema } from '@mikro-orm/core';

/**
 * The change-feed poller's and the outbox's tables. What a source reported is kept as received
 * (`received_changes`, once per change id) before anything is built from it; messages are
 * stored before any endpoint is tried (`outbox_messages`); each endpoint's delivery of each
 * message keeps its own attempts and next attempt time (`outbox_deliveries`), with one log row
 * per attempt (`delivery_attempts`). Times the delivery loop compares are epoch milliseconds.
 */
export interface ChangeFeedCursor {
  source: string;
  feed: string;
  cursor: string;
  updatedAt: Date;
}

export interface ReceivedChange {
  id?: number;
  source: string;
  feed: string;
  changeId: string;
  type: string;
  occurredAt: Date;
  data: Record<string, unknown>;
  receivedAt: Date;
  /** The message built from it; null while held back (a transaction whose end has not been read yet). */
  messageId?: string | null;
}

export interface OutboxMessageRow {
  id?: number;
  messageId: string;
  source: string;
  feed: string;
  type: string;
  orderKey: string;
  occurredAt: Date;
  data: Record<string, unknown>;
  createdAt: Date;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed' | 'superseded';

export interface OutboxDelivery {
  endpoint: string;
  messageSeq: number;
  orderKey: string;
  status: DeliveryStatus;
  attempts: number;
  /** Failures that advanced this message's own retry schedule (refusals, not endpoint outages). */
  retryStep: number;
  nextAttemptAt: number;
  lastAttemptAt?: Date | null;
  deliveredAt?: Date | null;
  lastStatus?: number | null;
  lastError?: string | null;
  createdAt: Date;
}

export interface DeliveryAttempt {
  id?: number;
  endpoint: string;
  messageSeq: number;
  attempt: number;
  at: Date;
  durationMs: number;
  outcome: 'delivered' | 'unavailable' | 'rejected' | 'gone' | 'throttled';
  statusCode?: number | null;
  error?: string | null;
  receipt?: string | null;
}

export interface NotificationEndpointState {
  name: string;
  enabled: boolean;
  disabledReason?: string | null;
  disabledAt?: Date | null;
  /** Start of the current run of endpoint-level failures; null while it answers. */
  failingSince?: Date | null;
  /** Endpoint-level failures in a row (its own backoff step). */
  failureStreak: number;
  /** No message is tried before this (epoch ms): the endpoint's backoff or its Retry-After. */
  pausedUntil: number;
  /** When the operator was told about this endpoint's trouble. */
  alertedAt?: Date | null;
  updatedAt: Date;
}

export const ChangeFeedCursorSchema = new EntitySchema<ChangeFeedCursor>({
  name: 'ChangeFeedCursor',
  tableName: 'change_feed_cursors',
  properties: {
    source: { type: 'string', primary: true, length: 100 },
    feed: { type: 'string', primary: true, length: 50 },
    cursor: { type: 'text' },
    updatedAt: { type: 'datetime' },
  },
});

export const ReceivedChangeSchema = new EntitySchema<ReceivedChange>({
  name: 'ReceivedChange',
  tableName: 'received_changes',
  uniques: [{ properties: ['source', 'changeId'] }],
  indexes: [{ properties: ['source', 'feed', 'messageId'] }, { properties: ['occurredAt'] }],
  properties: {
    id: { type: 'number', primary: true, autoincrement: true },
    source: { type: 'string', length: 100 },
    feed: { type: 'string', length: 50 },
    changeId: { type: 'string', length: 200 },
    type: { type: 'string', length: 100 },
    occurredAt: { type: 'datetime' },
    data: { type: 'json' },
    receivedAt: { type: 'datetime' },
    messageId: { type: 'string', length: 200, nullable: true },
  },
});

export const OutboxMessageSchema = new EntitySchema<OutboxMessageRow>({
  name: 'OutboxMessage',
  tableName: 'outbox_messages',
  indexes: [{ properties: ['createdAt'] }],
  properties: {
    id: { type: 'number', primary: true, autoincrement: true },
    messageId: { type: 'string', length: 200, unique: true },
    source: { type: 'string', length: 100 },
    feed: { type: 'string', length: 50 },
    type: { type: 'string', length: 100 },
    orderKey: { type: 'string', length: 300 },
    occurredAt: { type: 'datetime' },
    data: { type: 'json' },
    createdAt: { type: 'datetime' },
  },
});

export const OutboxDeliverySchema = new EntitySchema<OutboxDelivery>({
  name: 'OutboxDelivery',
  tableName: 'outbox_deliveries',
  indexes: [{ properties: ['endpoint', 'status', 'nextAttemptAt'] }, { properties: ['endpoint', 'orderKey', 'messageSeq'] }, { properties: ['endpoint', 'createdAt'] }],
  properties: {
    endpoint: { type: 'string', primary: true, length: 100 },
    messageSeq: { type: 'number', primary: true },
    orderKey: { type: 'string', length: 300 },
    status: { type: 'string', length: 20 },
    attempts: { type: 'number' },
    retryStep: { type: 'number' },
    nextAttemptAt: { type: new BigIntType('number') },
    lastAttemptAt: { type: 'datetime', nullable: true },
    deliveredAt: { type: 'datetime', nullable: true },
    lastStatus: { type: 'number', nullable: true },
    lastError: { type: 'text', nullable: true },
    createdAt: { type: 'datetime' },
  },
});

export const DeliveryAttemptSchema = new EntitySchema<DeliveryAttempt>({
  name: 'DeliveryAttempt',
  tableName: 'delivery_attempts',
  indexes: [{ properties: ['endpoint', 'messageSeq'] }],
  properties: {
    id: { type: 'number', primary: true, autoincrement: true },
    endpoint: { type: 'string', length: 100 },
    messageSeq: { type: 'number' },
    attempt: { type: 'number' },
    at: { type: 'datetime' },
    durationMs: { type: 'number' },
    outcome: { type: 'string', length: 20 },
    statusCode: { type: 'number', nullable: true },
    error: { type: 'text', nullable: true },
    receipt: { type: 'string', length: 200, nullable: true },
  },
});

export const NotificationEndpointSchema = new EntitySchema<NotificationEndpointState>({
  name: 'NotificationEndpoint',
  tableName: 'notification_endpoints',
  properties: {
    name: { type: 'string', primary: true, length: 100 },
    enabled: { type: 'boolean' },
    disabledReason: { type: 'text', nullable: true },
    disabledAt: { type: 'datetime', nullable: true },
    failingSince: { type: 'datetime', nullable: true },
    failureStreak: { type: 'number' },
    pausedUntil: { type: new BigIntType('number') },
    alertedAt: { type: 'datetime', nullable: true },
    updatedAt: { type: 'datetime' },
  },
});

export const outboxEntities = [ChangeFeedCursorSchema, ReceivedChangeSchema, OutboxMessageSchema, OutboxDeliverySchema, DeliveryAttemptSchema, NotificationEndpointSchema];
