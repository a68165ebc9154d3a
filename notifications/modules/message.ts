import { createHash } from 'node:crypto';
import type { FeedChange } from '../../domain/outbox';
import type { LicenseChange } from '../../connectors/licensing/port';
import type { BuiltMessage } from '../../store/outbox';

/** A change of a license server's feed, as the reader put it into FeedChange.data. */
export const licenseChangeOf = (c: FeedChange): LicenseChange => c.data as unknown as LicenseChange;

/** `<source>:<change id>`: stable across polls and retries, and free of `.` (Standard Webhooks signs `id.timestamp.payload`). */
export function changeMessageId(source: string, changeId: string): string {
  return `${source}:${changeId}`.replace(/\./g, '_');
}

/** A message id derived from a value (e.g. a transaction's identity), for messages that are not one change. */
export function derivedMessageId(source: string, prefix: string, identity: string): string {
  return `${source}:${prefix}-${createHash('sha256').update(identity).digest('hex').slice(0, 24)}`;
}

/** A message carrying one change, as the port's LicenseNotification without its id. */
export function oneChange(source: string, c: FeedChange, orderKey: string, data: Record<string, unknown> = c.data): BuiltMessage {
  return { messageId: changeMessageId(source, c.changeId), type: c.type, orderKey, occurredAt: c.at, data, changeIds: [c.changeId] };
}
