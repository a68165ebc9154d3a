import type { BillingAccount, BillingService } from '../../domain/billing';
import type { ServicePolicy } from '../../domain/policy';
import type { DesiredSlot, KnownSlot } from '../../domain/slot';
import type { LicenseSettings } from './settings';

/** An item and how many live licenses of it the ticket should hold. */
export interface LicenseLine {
  firmCode: number;
  productCode: number;
  quantity: number;
}

/**
 * What the license server should hold for one license service of an account: one ticket per
 * (subscriber, service), found again by its order number, holding `items`. Pure, derived from
 * billing and the service's settings.
 */
export interface DesiredLicense extends DesiredSlot {
  platform: string;
  /** `<billing>:<account>:<service>`: the same order again extends the same ticket and never duplicates a line. */
  orderNumber: string;
  /** The license server's customer number: `<billing>:<account>`. */
  customer: string;
  /** The live licenses the ticket should hold, sorted by item; undefined: leave the licenses as they are. */
  items?: LicenseLine[];
  /** The ticket's state to reach; undefined: leave it as it is. */
  ticketStatus?: 'active' | 'suspended';
  /** Billing never had this service and subsync never ordered for it: nothing to look at. */
  untouched: boolean;
  /** Plans billing sells for this service that the settings map to no items (the command parks until configured). */
  unmappedPlans: string[];
  /** Where the ticket number goes in billing, and what billing holds there now. */
  writeBack?: { field: string; externalId: string; current?: string };
}

export const licenseSlot = (service: string) => `license:${service}`;
export const orderNumberOf = (account: Pick<BillingAccount, 'billing' | 'accountId'>, service: string) => `${account.billing}:${account.accountId}:${service}`;
/** The order position of an item: one position per item, so an item ordered again is recognised. */
export const lineIdOf = (item: Pick<LicenseLine, 'firmCode' | 'productCode'>) => `${item.firmCode}-${item.productCode}`;
export const itemKey = (item: Pick<LicenseLine, 'firmCode' | 'productCode'>) => `${item.firmCode}/${item.productCode}`;

/**
 * The items the account's plans hold: each plan's configured items (or the default ones),
 * summed per item over the service's billed entries, sorted so the plan is stable.
 */
export function itemsFor(plans: (string | undefined)[], settings: Pick<LicenseSettings, 'itemsByPlan' | 'defaultItems'>): { items: LicenseLine[]; unmapped: string[] } {
  const total = new Map<string, LicenseLine>();
  const unmapped: string[] = [];
  for (const plan of plans) {
    const items = (plan !== undefined ? settings.itemsByPlan[plan] : undefined) ?? settings.defaultItems;
    if (!items) {
      unmapped.push(plan ?? '(none)');
      continue;
    }
    for (const item of items) {
      const key = itemKey(item);
      const sum = total.get(key);
      total.set(key, { firmCode: item.firmCode, productCode: item.productCode, quantity: (sum?.quantity ?? 0) + item.quantity });
    }
  }
  const items = [...total.values()].sort((a, b) => a.firmCode - b.firmCode || a.productCode - b.productCode);
  return { items, unmapped: [...new Set(unmapped)].sort() };
}

/**
 * The service is held while billing lists it active (or suspended) on an active or blocked
 * account. Held: the plan's items, the ticket suspended while blocked if the policy says so.
 * Not held any more: the disable policy (withdraw everything, or suspend the ticket). Never
 * held: untouched, so accounts without the service cost no call to the license server.
 */
export function planLicense(account: BillingAccount, policy: ServicePolicy<LicenseSettings>, memory: { slots: readonly KnownSlot[]; seenActive: readonly string[] }): DesiredLicense[] {
  const settings = policy.settings;
  const slot = licenseSlot(policy.service);
  const billed = account.services.filter((s) => s.service === policy.service);
  const held = billed.filter((s) => s.active || s.suspended);
  const present = (account.status === 'active' || account.status === 'blocked') && held.length > 0;
  const everHad = billed.length > 0 || memory.seenActive.includes(policy.service) || memory.slots.some((k) => k.slot === slot);
  const base = {
    slot,
    service: policy.service,
    platform: settings.platform,
    orderNumber: orderNumberOf(account, policy.service),
    customer: `${account.billing}:${account.accountId}`,
    subscriptionId: (held[0] ?? billed[0])?.externalId,
    untouched: !present && !everHad,
    unmappedPlans: [] as string[],
  };
  if (!present) {
    return [settings.onDisable === 'suspend' ? { ...base, present: false, ticketStatus: 'suspended' } : { ...base, present: false, items: [] }];
  }
  const { items, unmapped } = itemsFor(
    held.map((s) => s.plan),
    settings,
  );
  const blocked = account.status === 'blocked' || held.every((s) => !s.active);
  return [
    {
      ...base,
      present: true,
      items,
      ticketStatus: blocked && settings.onBlock === 'suspend' ? 'suspended' : 'active',
      unmappedPlans: unmapped,
      ...(settings.ticketField ? { writeBack: writeBackTarget(settings.ticketField, held[0]!) } : {}),
    },
  ];
}

/** The first held service takes the ticket number (on LANBilling every service of the vgroup shares its addons). */
function writeBackTarget(field: string, service: BillingService): NonNullable<DesiredLicense['writeBack']> {
  const current = service.fields?.[field];
  return { field, externalId: service.externalId, ...(current === undefined ? {} : { current }) };
}
