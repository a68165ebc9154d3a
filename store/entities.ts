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
  /** The API credential that sent it, "<name> (<id>)"; null for events subsync raised itself. */
  submittedBy?: string | null;
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

/**
 * What happened and who did it. `subscriberId` is the subject: a subscriber ("lanbilling:42"),
 * or for actions on no one subscriber a name starting with "@" ("@invoicing-schedule:isp-integrator",
 * "@credential:<id>"), which no subscriber id can start with.
 */
export interface AuditEntry {
  id?: number;
  subscriberId: string;
  eventId?: string | null;
  action: string;
  /** Which time this action is recorded for the event: an operator cycle (parked, retried) may repeat. */
  round?: number;
  detail?: Record<string, unknown> | null;
  /** Who: the API credential "<name> (<id>)", "cli:<user>" for the host CLI; null when subsync acted on its own. */
  actor?: string | null;
  /** The credential's id when an API credential acted. */
  credentialId?: string | null;
  at: Date;
}

/**
 * An API credential. The secret itself is never stored: only its SHA-256, looked up by the
 * credential's id, which the key carries in clear (`ssk_<id>_<secret>`).
 */
export interface ApiCredential {
  id: string;
  name: string;
  description: string;
  /** Permission[] (api/auth/permissions.ts): scopes, events:write optionally narrowed. */
  permissions: Record<string, unknown>[];
  secretHash: string;
  createdAt: Date;
  createdBy: string;
  expiresAt: Date;
  revokedAt?: Date | null;
  /** When the secret was last replaced (rotate); the old one stops working at once. */
  rotatedAt?: Date | null;
  lastUsedAt?: Date | null;
}

/** What the billing watcher last saw of one account (store/watch-cursors.ts). */
export interface WatchCursor {
  billing: string;
  account: string;
  /** The full read's fingerprint at the last recorded change. */
  fingerprint: string;
  /** The cheap page read's digest when the account was last looked at; null: look again. */
  digest?: string | null;
  /** Changes recorded so far: the sequence number in the account's next event id. */
  changes: number;
  /** The pass that last saw the account in billing's list; null once it left the list. */
  seenPass?: string | null;
  /** When it was last read in full (the full sweep reads the stalest first). */
  checkedAt?: Date | null;
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
    submittedBy: { type: 'string', length: 200, nullable: true },
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
    actor: { type: 'string', length: 200, nullable: true },
    credentialId: { type: 'string', length: 40, nullable: true, index: true },
    at: { type: 'datetime' },
  },
});

export const ApiCredentialSchema = new EntitySchema<ApiCredential>({
  name: 'ApiCredential',
  tableName: 'api_credentials',
  properties: {
    id: { type: 'string', primary: true, length: 40 },
    name: { type: 'string', length: 100, unique: true },
    description: { type: 'string', length: 500 },
    permissions: { type: 'json' },
    secretHash: { type: 'string', length: 64 },
    createdAt: { type: 'datetime' },
    createdBy: { type: 'string', length: 200 },
    expiresAt: { type: 'datetime' },
    revokedAt: { type: 'datetime', nullable: true },
    rotatedAt: { type: 'datetime', nullable: true },
    lastUsedAt: { type: 'datetime', nullable: true },
  },
});

export const WatchCursorSchema = new EntitySchema<WatchCursor>({
  name: 'WatchCursor',
  tableName: 'watch_cursors',
  indexes: [{ properties: ['billing', 'checkedAt'] }],
  properties: {
    billing: { type: 'string', primary: true, length: 100 },
    account: { type: 'string', primary: true, length: 100 },
    fingerprint: { type: 'text' },
    digest: { type: 'string', length: 64, nullable: true },
    changes: { type: 'integer', default: 0 },
    seenPass: { type: 'string', length: 64, nullable: true },
    checkedAt: { type: 'datetime', nullable: true },
    updatedAt: { type: 'datetime' },
  },
});

export const entities = [InboxEventSchema, LinkSchema, LedgerEntrySchema, AuditEntrySchema, WatchCursorSchema, ApiCredentialSchema];
