import { unprocessable } from './api-error';
import { decodeCursor, encodeCursor } from './cursor';
import type { IspIntegratorData } from './data';
import type { BillingEventItem, ChargedExtras, ContractedPlanRecord, Page, StatementEntry, TvBillingEvent } from './model';
import { SortedSeqIndex } from './sorted-index';

/**
 * "Faturamento TV": list the plans with charged extra packages, save their billing events as
 * Pending for a due date, and let the company's standard billing run ("Faturamento Padrão")
 * turn them Processed and post their values to the financial statement ("Extrato Financeiro").
 */

/** Pages over the charged-extras index: cost per page does not grow with the number of customers. */
export function listChargedExtras(data: IspIntegratorData, query: { cursor?: string; limit: number }): Page<ChargedExtras> {
  const { seqs, more } = data.chargedExtras.after(decodeCursor(query.cursor), query.limit);
  const items = seqs.map((seq) => chargedExtrasOf(data, data.contractedPlanBySeq.get(seq)!));
  return { items, nextCursor: more && seqs.length > 0 ? encodeCursor(seqs[seqs.length - 1]) : null };
}

function chargedExtrasOf(data: IspIntegratorData, cp: ContractedPlanRecord): ChargedExtras {
  const extras = cp.packages
    .filter((p) => p.kind === 'extra' && p.status === 'active' && p.price > 0)
    .map((p) => ({ packageId: p.packageId, name: data.packages.get(p.packageId)?.name ?? p.packageId, price: p.price }));
  return {
    customerId: cp.customerId,
    customerName: data.customers.get(cp.customerId)!.name,
    contractedPlanId: cp.id,
    planId: cp.planId,
    tvPlatform: data.plans.get(cp.planId)?.tvPlatform ?? null,
    ...(cp.radiusLogin !== undefined ? { radiusLogin: cp.radiusLogin } : {}),
    extras,
    total: extras.reduce((sum, e) => sum + e.price, 0),
  };
}

export interface CreateEventInput {
  customerId: string;
  contractedPlanId: string;
  dueDate: string;
  items: { packageId: string; name?: string; price: number }[];
}

/** One event per (customer, contracted plan, due date): saving the same listing twice returns the first event. */
export function createTvBillingEvent(data: IspIntegratorData, input: CreateEventInput, idempotencyKey: string | undefined): { event: TvBillingEvent; created: boolean } {
  const naturalKey = `${input.customerId}|${input.contractedPlanId}|${input.dueDate}`;
  const existing = data.eventByNaturalKey.get(naturalKey);
  if (existing !== undefined) return { event: data.events.get(existing)!, created: false };

  const cp = data.contractedPlan(input.customerId, input.contractedPlanId);
  const items = input.items.map((item, i) => billableItem(data, cp, item, i));
  const duplicate = items.findIndex((item, i) => items.findIndex((other) => other.packageId === item.packageId) !== i);
  if (duplicate >= 0) throw unprocessable(`items.${duplicate}.packageId`, `package "${items[duplicate].packageId}" appears twice`);

  const seq = data.nextSeq();
  const event: TvBillingEvent = {
    id: String(seq),
    customerId: input.customerId,
    contractedPlanId: input.contractedPlanId,
    dueDate: input.dueDate,
    items,
    total: items.reduce((sum, item) => sum + item.price, 0),
    status: 'pending',
    idempotencyKey: idempotencyKey ?? `${input.customerId}:${input.contractedPlanId}:${input.dueDate}`,
    createdAt: new Date().toISOString(),
  };
  data.events.set(event.id, event);
  data.eventByNaturalKey.set(naturalKey, event.id);
  data.eventOrder.add(seq);
  indexOf(data.eventsByDueDate, event.dueDate).add(seq);
  indexOf(data.eventsByCustomer, event.customerId).add(seq);
  data.pendingEvents.add(event.id);
  return { event, created: true };
}

/** An event may only bill extra packages that are active on the contracted plan. */
function billableItem(data: IspIntegratorData, cp: ContractedPlanRecord, item: CreateEventInput['items'][number], index: number): BillingEventItem {
  const active = cp.packages.some((p) => p.packageId === item.packageId && p.kind === 'extra' && p.status === 'active');
  if (!active) throw unprocessable(`items.${index}.packageId`, `package "${item.packageId}" is not an active extra package of contracted plan "${cp.id}"`);
  return { packageId: item.packageId, name: item.name ?? data.packages.get(item.packageId)?.name ?? item.packageId, price: item.price };
}

export function listTvBillingEvents(
  data: IspIntegratorData,
  query: { dueDate?: string; customerId?: string; status?: TvBillingEvent['status']; cursor?: string; limit: number },
): Page<TvBillingEvent> {
  // Walk the narrowest index and filter the rest.
  const index = query.customerId !== undefined ? data.eventsByCustomer.get(query.customerId)
    : query.dueDate !== undefined ? data.eventsByDueDate.get(query.dueDate)
      : data.eventOrder;
  const items: TvBillingEvent[] = [];
  let lastSeq: number | undefined;
  let more = false;
  for (const seq of index?.from(decodeCursor(query.cursor)) ?? []) {
    const event = data.events.get(String(seq))!;
    if (query.dueDate !== undefined && event.dueDate !== query.dueDate) continue;
    if (query.status !== undefined && event.status !== query.status) continue;
    if (items.length === query.limit) {
      more = true;
      break;
    }
    items.push(event);
    lastSeq = seq;
  }
  return { items, nextCursor: more && lastSeq !== undefined ? encodeCursor(lastSeq) : null };
}

/** "Faturamento Padrão": pending events due up to `upTo` become Processed and post one statement line per item. */
export function runStandardBilling(data: IspIntegratorData, upTo: string): { upTo: string; processed: number; total: number } {
  const due = [...data.pendingEvents]
    .map((id) => data.events.get(id)!)
    .filter((e) => e.dueDate <= upTo)
    .sort((a, b) => Number(a.id) - Number(b.id));
  const processedAt = new Date().toISOString();
  let total = 0;
  for (const event of due) {
    event.status = 'processed';
    event.processedAt = processedAt;
    data.pendingEvents.delete(event.id);
    const statement = data.statements.get(event.customerId) ?? [];
    for (const item of event.items) {
      statement.push({ id: data.nextId('statementEntry'), date: event.dueDate, description: `TV - ${item.name} (venc. ${event.dueDate})`, amount: item.price, billingEventId: event.id });
    }
    data.statements.set(event.customerId, statement);
    total += event.total;
  }
  return { upTo, processed: due.length, total };
}

export function getStatement(data: IspIntegratorData, customerId: string): { customerId: string; entries: StatementEntry[]; total: number } {
  data.customer(customerId);
  const entries = (data.statements.get(customerId) ?? []).map((e) => ({ ...e }));
  return { customerId, entries, total: entries.reduce((sum, e) => sum + e.amount, 0) };
}

function indexOf(map: Map<string, SortedSeqIndex>, key: string): SortedSeqIndex {
  let index = map.get(key);
  if (!index) map.set(key, (index = new SortedSeqIndex()));
  return index;
}
