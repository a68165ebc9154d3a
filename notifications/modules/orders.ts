import type { FeedChange } from '../../domain/outbox';
import type { BuiltMessage } from '../../store/outbox';
import { licenseChangeOf, oneChange } from './message';

/**
 * Orders: every new or extended order, whichever channel placed it in the license server
 * (the vendor's ERP, a web shop, a reseller portal), as one stream for the lead system. One
 * message per order change, in order per order number.
 */
export function orderMessages(source: string, changes: FeedChange[]): BuiltMessage[] {
  return changes.map((c) => oneChange(source, c, `order:${licenseChangeOf(c).orderNumber}`));
}
