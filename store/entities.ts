import { EntitySchema } from '@mikro-orm/core';

/**
 * What subsync keeps beside Temporal's own history: the inbox of accepted events, the links
 * between billing accounts and platform profiles, the charge ledger, an audit trail and the
 * watcher's cursors. Workflows never touch these; activities and the API do.
 */
export interface InboxEvent {
  id: string;
  subscriberId: string;
  type: string;
  payloadHash: string;
  payload: Record<string, unknown>;
  receivedAt: Date;
  deliveredAt?: Date | null;
}

export interface Link {
  id?: number;
  subscriberId: string;
  platform: string;
  login: string;
  profileId: string;
  attachmentId: string;
  updatedAt: Date;
}

export interface LedgerEntry {
  idempotencyKey: string;
  subscriberId: string;
  service: string;
  period: string;
  amount: string;
  status: 'charged' | 'insufficient_funds';
  chargeId?: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface AuditEntry {
  id?: number;
  subscriberId: string;
  eventId?: string | null;
  action: string;
  /** Which time this action is recorded for the event: an operator cycle (parked, retried) may repeat. */
  round?: number;
  detail?: Record<string, unknown> | null;
  at: Date;
}

export interface WatchCursor {
  billing: string;
  account: string;
  fingerprint: string;
  updatedAt: Date;
}

export const InboxEventSchema = new EntitySchema<InboxEvent>({
  name: 'InboxEvent',
  tableName: 'inbox_events',
  properties: {
    id: { type: 'string', primary: true, length: 200 },
    subscriberId: { type: 'string', length: 220, index: true },
    type: { type: 'string', length: 50 },
    payloadHash: { type: 'string', length: 64 },
    payload: { type: 'json' },
    receivedAt: { type: 'datetime' },
    deliveredAt: { type: 'datetime', nullable: true },
  },
});

export const LinkSchema = new EntitySchema<Link>({
  name: 'Link',
  tableName: 'links',
  uniques: [{ properties: ['subscriberId', 'platform'] }],
  properties: {
    id: { type: 'number', primary: true, autoincrement: true },
    subscriberId: { type: 'string', length: 220 },
    platform: { type: 'string', length: 100 },
    login: { type: 'string', length: 200, index: true },
    profileId: { type: 'string', length: 200 },
    attachmentId: { type: 'string', length: 200 },
    updatedAt: { type: 'datetime' },
  },
});

export const LedgerEntrySchema = new EntitySchema<LedgerEntry>({
  name: 'LedgerEntry',
  tableName: 'ledger',
  properties: {
    idempotencyKey: { type: 'string', primary: true, length: 300 },
    subscriberId: { type: 'string', length: 220, index: true },
    service: { type: 'string', length: 100 },
    period: { type: 'string', length: 40 },
    amount: { type: 'decimal', precision: 14, scale: 2 },
    status: { type: 'string', length: 30 },
    chargeId: { type: 'string', length: 200, nullable: true },
    createdAt: { type: 'datetime' },
    updatedAt: { type: 'datetime' },
  },
});

export const AuditEntrySchema = new EntitySchema<AuditEntry>({
  name: 'AuditEntry',
  tableName: 'audit',
  // A retried activity writes its row once (store/migrations/Migration20261201000000_audit_once.ts).
  uniques: [{ properties: ['subscriberId', 'eventId', 'action', 'round'] }],
  properties: {
    id: { type: 'number', primary: true, autoincrement: true },
    subscriberId: { type: 'string', length: 220, index: true },
    eventId: { type: 'string', length: 200, nullable: true },
    action: { type: 'string', length: 100 },
    round: { type: 'integer', default: 1 },
    detail: { type: 'json', nullable: true },
    at: { type: 'datetime' },
  },
});

export const WatchCursorSchema = new EntitySchema<WatchCursor>({
  name: 'WatchCursor',
  tableName: 'watch_cursors',
  properties: {
    billing: { type: 'string', primary: true, length: 100 },
    account: { type: 'string', primary: true, length: 100 },
    fingerprint: { type: 'text' },
    updatedAt: { type: 'datetime' },
  },
});

export const entities = [InboxEventSchema, LinkSchema, LedgerEntrySchema, AuditEntrySchema, WatchCursorSchema];
