import { ApplicationFailure } from '@temporalio/common';
import { PermanentError } from '../../connectors/errors';
import { License, LicenseServer, licenseServerPort, OrderLine, Ticket } from '../../connectors/licensing/port';
import type { SlotState } from '../../domain/slot';
import type { KindContext, PlatformStep } from '../kind';
import { DesiredLicense, itemKey, lineIdOf } from './plan';
import { isLive, licenseDetail, licenseSummary } from './view';

/** What every step of a license slot carries: where the ticket is and whose it is. */
interface LicenseStepBase extends PlatformStep {
  slot: string;
  orderNumber: string;
  customer: string;
  subscriptionId?: string;
}

/** One license server call; `license.refresh` only reads, to record a state the workflow does not know yet. */
export type LicenseStep = LicenseStepBase &
  (
    | { op: 'license.order'; lines: (Required<OrderLine> & { adding: number })[] }
    | { op: 'license.withdraw'; licenseNumbers: string[] }
    | { op: 'license.suspend' | 'license.resume' | 'license.refresh' }
    /** Writes the ticket number into billing, after the license server confirmed the ticket. */
    | { op: 'license.writeBack'; field: string; externalId: string }
  );

const sameItem = (a: License['item'], b: { firmCode: number; productCode: number }) => a.firmCode === b.firmCode && a.productCode === b.productCode;

/**
 * The calls that make the ticket match `desired`, from what the license server shows now. Pure.
 * Missing licenses are ordered on the item's own position with the position's new total, so the
 * same order sent again (a retry, a lost answer) is recognised and makes nothing twice; licenses
 * no plan wants any more are withdrawn, free ones first (they go at once).
 */
export function ticketSteps(desired: DesiredLicense, ticket: Ticket | null): LicenseStep[] {
  const base = stepBase(desired);
  const licenses = ticket?.licenses ?? [];
  const steps: LicenseStep[] = [];
  let ordering = false;
  if (desired.items) {
    const lines: (Required<OrderLine> & { adding: number })[] = [];
    for (const item of desired.items) {
      const live = licenses.filter((l) => sameItem(l.item, item) && isLive(l)).length;
      if (live >= item.quantity) continue;
      const lineId = lineIdOf(item);
      const onPosition = licenses.filter((l) => l.lineId === lineId).length;
      lines.push({ firmCode: item.firmCode, productCode: item.productCode, lineId, quantity: onPosition + item.quantity - live, adding: item.quantity - live });
    }
    if (lines.length) {
      steps.push({ ...base, op: 'license.order', lines });
      ordering = true;
    }
    const surplus: string[] = [];
    const liveByItem = new Map<string, License[]>();
    for (const l of licenses.filter(isLive)) liveByItem.set(itemKey(l.item), [...(liveByItem.get(itemKey(l.item)) ?? []), l]);
    for (const [key, live] of liveByItem) {
      const wanted = desired.items.find((i) => itemKey(i) === key)?.quantity ?? 0;
      if (live.length > wanted) surplus.push(...leastUsedFirst(live).slice(0, live.length - wanted).map((l) => l.licenseNumber));
    }
    if (surplus.length) steps.push({ ...base, op: 'license.withdraw', licenseNumbers: surplus.sort() });
  }
  const exists = ticket !== null || ordering;
  if (exists && desired.ticketStatus === 'suspended' && ticket?.status !== 'suspended') steps.push({ ...base, op: 'license.suspend' });
  if (ticket && desired.ticketStatus === 'active' && ticket.status === 'suspended') steps.push({ ...base, op: 'license.resume' });
  const wb = desired.writeBack;
  if (desired.present && wb && exists && (ticket === null || ticket.ticket !== wb.current)) steps.push({ ...base, op: 'license.writeBack', field: wb.field, externalId: wb.externalId });
  return steps;
}

/** Licenses not in a container go first (withdrawn at once), then the newest. */
function leastUsedFirst(licenses: License[]): License[] {
  const rank = (l: License) => (l.status === 'available' ? 0 : 1);
  return [...licenses].sort((a, b) => rank(a) - rank(b) || Number(b.licenseNumber) - Number(a.licenseNumber) || b.licenseNumber.localeCompare(a.licenseNumber));
}

/**
 * Reads the ticket (by order number) and plans the calls. A service billing never had costs no
 * call. In `apply` mode a ticket that already matches but differs from what the workflow knows
 * gets a read-only step, so its state (an expiry set by the first activation, licenses a crash
 * left unrecorded) is recorded.
 */
export async function planLicenseSteps(ctx: KindContext, desired: DesiredLicense, known: SlotState | undefined): Promise<LicenseStep[]> {
  if (desired.untouched) return [];
  if (desired.present && desired.unmappedPlans.length) {
    throw ApplicationFailure.nonRetryable(
      `service "${desired.service}" of account ${ctx.key.account} is billed in ${ctx.key.billing} under plan ${desired.unmappedPlans.join(', ')}, which services.${desired.service}.itemsByPlan does not map to license items (and there are no defaultItems); add the plan to the config, then retry`,
      'UnmappedPlan',
    );
  }
  const server = ctx.connectors.get(licenseServerPort, desired.platform);
  const ticket = await server.readTicket({ orderNumber: desired.orderNumber });
  const steps = ticketSteps(desired, ticket);
  if (!steps.length && ticket && ctx.purpose === 'apply' && !sameState(known, stateOf(desired, server, ticket))) {
    steps.push({ ...stepBase(desired), op: 'license.refresh' });
  }
  return steps;
}

function stepBase(desired: DesiredLicense): Omit<LicenseStepBase, 'op'> {
  return {
    platform: desired.platform,
    service: desired.service,
    slot: desired.slot,
    orderNumber: desired.orderNumber,
    customer: desired.customer,
    ...(desired.subscriptionId === undefined ? {} : { subscriptionId: desired.subscriptionId }),
  };
}

export async function applyLicenseStep(ctx: KindContext, step: LicenseStep, _idempotencyKey: string): Promise<SlotState> {
  // License Central's own keys make the calls idempotent: the order number and each line's position.
  const server = ctx.connectors.get(licenseServerPort, step.platform);
  const ref = { orderNumber: step.orderNumber };
  let ticket: Ticket | null;
  switch (step.op) {
    case 'license.order':
      ticket = await order(server, step);
      ctx.logger.info({ subscriber: ctx.externalId, platform: step.platform, orderNumber: step.orderNumber, ticket: ticket.ticket, lines: describeLicenseStep(step) }, 'licenses ordered');
      break;
    case 'license.withdraw':
      ticket = await server.withdraw(ref, step.licenseNumbers);
      break;
    case 'license.suspend':
      ticket = await server.suspend(ref);
      break;
    case 'license.resume':
      ticket = await server.resume(ref);
      break;
    case 'license.refresh':
    case 'license.writeBack':
      ticket = await server.readTicket(ref);
      break;
  }
  if (!ticket) throw ApplicationFailure.retryable(`${server.name} shows no ticket for order ${step.orderNumber} after ${step.op}`, 'Transient');
  if (step.op === 'license.writeBack') {
    if (!ctx.billing.setServiceFields) throw ApplicationFailure.nonRetryable(`billing ${ctx.billing.name} cannot store the ticket number (no service fields); remove ticketField from services.${step.service}`, 'UnsupportedBilling');
    await ctx.billing.setServiceFields(ctx.key.account, step.externalId, { [step.field]: ticket.ticket });
  }
  return stateOf(step, server, ticket);
}

/** A refusal names the order and points at what to fix; the connector's own message stays in it. */
async function order(server: LicenseServer, step: Extract<LicenseStep, { op: 'license.order' }>): Promise<Ticket> {
  try {
    return await server.order({ orderNumber: step.orderNumber, customer: { number: step.customer }, lines: step.lines.map(({ adding: _adding, ...line }) => line) });
  } catch (err) {
    if (!(err instanceof PermanentError)) throw err;
    throw ApplicationFailure.nonRetryable(
      `${server.name} refused order ${step.orderNumber} (${step.lines.map((l) => itemKey(l)).join(', ')}) for service "${step.service}": ${err.message}; check the items in ${server.name} and services.${step.service}, then retry`,
      `Permanent.${err.reason}`,
    );
  }
}

function stateOf(step: Pick<LicenseStepBase, 'platform' | 'service' | 'orderNumber' | 'customer' | 'subscriptionId'>, server: Pick<LicenseServer, 'name'>, ticket: Ticket): SlotState {
  return {
    platform: server.name,
    service: step.service,
    attached: ticket.licenses.some(isLive),
    login: step.customer,
    profileId: ticket.ticket,
    attachmentId: step.orderNumber,
    ...(step.subscriptionId === undefined ? {} : { subscriptionId: step.subscriptionId }),
    capabilities: [],
    detail: { ...licenseDetail(ticket) },
    summary: licenseSummary(ticket),
  };
}

const sameState = (a: SlotState | undefined, b: SlotState) =>
  a !== undefined && a.attached === b.attached && a.profileId === b.profileId && a.summary === b.summary && JSON.stringify(a.detail) === JSON.stringify(b.detail);

export function describeLicenseStep(step: LicenseStep): string {
  switch (step.op) {
    case 'license.order':
      return `${step.op} ${step.lines.map((l) => `${itemKey(l)} +${l.adding}`).join(', ')}`;
    case 'license.withdraw':
      return `${step.op} ${step.licenseNumbers.join(', ')}`;
    case 'license.writeBack':
      return `${step.op} ${step.field}`;
    default:
      return step.op;
  }
}
