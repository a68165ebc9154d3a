import type { FeedChange } from '../../domain/outbox';
import type { LicenseChange } from '../../connectors/licensing/port';
import type { BuiltMessage } from '../../store/outbox';
import type { ActivationDetail } from '../config';
import { derivedMessageId, licenseChangeOf, oneChange } from './message';

/**
 * Activations, at the level of detail the config asks for (NotificationDispatcher's three modes):
 *
 * - `all`: every completed activation transaction of every license (activated, returned,
 *   withdrawn) with the CmContainer it went into or left: a running log.
 * - `per_ticket`: one set of data per license transaction: when a ticket's licenses are processed
 *   in one transaction (one receipt for one container), one message says so, with how many and
 *   which licenses. Still enough for a log of license transactions.
 * - `current_status`: only each license's latest state: whether it is activated and the serial of
 *   the CmContainer holding it. An older state not yet delivered is dropped for the newer one
 *   (`supersedesOlder`), so this is not a log.
 *
 * `complete` is false when more changes wait at the source: a transaction at the end of the list
 * may continue on the next page, so per_ticket holds it back until it is whole.
 */
export function activationMessages(source: string, mode: ActivationDetail, changes: FeedChange[], complete: boolean): { messages: BuiltMessage[]; held: string[] } {
  if (mode === 'all') return { messages: changes.map((c) => oneChange(source, c, `license:${licenseChangeOf(c).licenseNumber}`)), held: [] };
  if (mode === 'current_status') return { messages: currentStatus(source, changes), held: [] };
  return perTransaction(source, changes, complete);
}

/** What makes changes one transaction: one receipt moves licenses of one ticket into or out of one container at one time. */
const transactionOf = (c: LicenseChange) => [c.ticket, c.containerSerial ?? '', c.type, c.at].join('|');

function perTransaction(source: string, changes: FeedChange[], complete: boolean): { messages: BuiltMessage[]; held: string[] } {
  const groups: FeedChange[][] = [];
  for (const c of changes) {
    const last = groups[groups.length - 1];
    if (last && transactionOf(licenseChangeOf(last[0]!)) === transactionOf(licenseChangeOf(c))) last.push(c);
    else groups.push([c]);
  }
  const held = complete ? [] : (groups.pop() ?? []).map((c) => c.changeId);
  const messages = groups.map((group): BuiltMessage => {
    const first = licenseChangeOf(group[0]!);
    const licenses = group.map(licenseChangeOf);
    const data: Record<string, unknown> = {
      changeId: first.changeId,
      feed: first.feed,
      type: first.type,
      at: first.at,
      ticket: first.ticket,
      orderNumber: first.orderNumber,
      ...(first.containerSerial === undefined ? {} : { containerSerial: first.containerSerial }),
      ...(first.status === undefined ? {} : { status: first.status }),
      licenseCount: licenses.length,
      licenseNumbers: licenses.map((l) => l.licenseNumber).filter((n): n is string => n !== undefined),
      items: summarizeItems(licenses),
    };
    return {
      // The transaction's identity, not its first change id: a change reported twice lands in the same message id.
      messageId: derivedMessageId(source, 'txn', transactionOf(first)),
      type: 'activation.transaction',
      orderKey: `ticket:${first.ticket}`,
      occurredAt: first.at,
      data,
      changeIds: group.map((c) => c.changeId),
    };
  });
  return { messages, held };
}

function summarizeItems(licenses: LicenseChange[]): { firmCode: number; productCode: number; count: number }[] {
  const by = new Map<string, { firmCode: number; productCode: number; count: number }>();
  for (const l of licenses) {
    if (!l.item) continue;
    const key = `${l.item.firmCode}/${l.item.productCode}`;
    const entry = by.get(key) ?? { ...l.item, count: 0 };
    entry.count++;
    by.set(key, entry);
  }
  return [...by.values()];
}

function currentStatus(source: string, changes: FeedChange[]): BuiltMessage[] {
  const byLicense = new Map<string, FeedChange[]>();
  for (const c of changes) {
    const key = licenseChangeOf(c).licenseNumber ?? c.changeId;
    byLicense.set(key, [...(byLicense.get(key) ?? []), c]);
  }
  // In the order of each license's latest change, so the outbox keeps the source's order.
  const latest = [...byLicense.values()].sort((a, b) => changes.indexOf(a[a.length - 1]!) - changes.indexOf(b[b.length - 1]!));
  return latest.map((group) => {
    const last = group[group.length - 1]!;
    const l = licenseChangeOf(last);
    const activated = l.status === 'activated';
    const data: Record<string, unknown> = {
      changeId: l.changeId,
      feed: l.feed,
      type: 'activation.status',
      at: l.at,
      ticket: l.ticket,
      orderNumber: l.orderNumber,
      licenseNumber: l.licenseNumber,
      ...(l.item ? { item: l.item } : {}),
      ...(l.status === undefined ? {} : { status: l.status }),
      activated,
      // The container holding it now; a returned or withdrawn license is in none.
      ...(activated && l.containerSerial !== undefined ? { containerSerial: l.containerSerial } : {}),
      ...(l.expiresAt === undefined ? {} : { expiresAt: l.expiresAt }),
      lastTransaction: l.type,
    };
    return { ...oneChange(source, last, `license:${l.licenseNumber}`, data), type: 'activation.status', supersedesOlder: true, changeIds: group.map((c) => c.changeId) };
  });
}
