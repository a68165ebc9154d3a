import type { FeedChange } from '../../domain/outbox';
import type { LicenseChange } from '../../connectors/licensing/port';
import type { BuiltMessage } from '../../store/outbox';
import { LICENSE_PROPERTIES } from '../config';
import { licenseChangeOf, oneChange } from './message';

type LicenseProperty = (typeof LICENSE_PROPERTIES)[number];

/** What identifies the change; always transmitted. */
const IDENTITY = ['changeId', 'feed', 'type', 'at', 'ticket', 'orderNumber'] as const;

/**
 * Licenses: new licenses (license numbers to assign to the lead system's order items) and changes
 * of a license (its expiry, set by the first activation when the item's expiry counts from it;
 * suspended; withdrawn). `properties` narrows what is transmitted (e.g. only license numbers and
 * expiry dates); the identity of the change always goes.
 */
export function licenseMessages(source: string, changes: FeedChange[], properties?: readonly LicenseProperty[]): BuiltMessage[] {
  return changes.map((c) => {
    const change = licenseChangeOf(c);
    return oneChange(source, c, `license:${change.licenseNumber ?? change.ticket}`, properties ? pick(change, properties) : { ...change });
  });
}

function pick(change: LicenseChange, properties: readonly LicenseProperty[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of [...IDENTITY, ...properties]) if (change[key] !== undefined) out[key] = change[key];
  return out;
}
