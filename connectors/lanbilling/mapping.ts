import type { BillingAccount, BillingService, BlockReason } from '../../domain/billing';
import type { UsboxService } from './operations/get-usbox-services';
import type { VgroupAddon } from './operations/get-vgroup-addons';
import type { Vgroup } from './operations/get-vgroups';
import { parseLbDate } from './schemas';

/**
 * How a LANBilling учётная запись reads as a BillingAccount.
 *
 * Status comes from `blocked`: 0 active; 1/2/3/4 blocked (balance, user, manager, traffic);
 * 10 switched off. A vgroup with blocked 10 that was never activated (empty `accondate`) is
 * "new": LANBilling creates vgroups switched off and activation lifts code 10. An archived
 * (deleted) vgroup is disabled.
 */
export const BLOCK_CODE_BY_REASON: Record<BlockReason, 1 | 2 | 3 | 4> = { insufficient_funds: 1, user: 2, manager: 3, other: 4 };
const REASON_BY_BLOCK_CODE: Record<number, BlockReason> = { 1: 'insufficient_funds', 2: 'user', 3: 'manager', 4: 'other' };
const BLOCK_OFF = 10;

export function blockReasonOf(blocked: number): BlockReason | undefined {
  return REASON_BY_BLOCK_CODE[blocked];
}

export function statusOf(vgroup: Pick<Vgroup, 'blocked' | 'archive' | 'accondate'>): Pick<BillingAccount, 'status' | 'blockReason'> {
  if (vgroup.archive !== 0) return { status: 'disabled' };
  if (vgroup.blocked === 0) return { status: 'active' };
  if (vgroup.blocked === BLOCK_OFF) return { status: vgroup.accondate === '' ? 'new' : 'disabled' };
  // Codes beyond the documented ones still mean "blocked"; we just cannot say why.
  return { status: 'blocked', blockReason: blockReasonOf(vgroup.blocked) ?? 'other' };
}

export interface MappingOptions {
  billing: string;
  loginAddonField: string;
  addressAddonField: string;
  /** Our service name → usbox category. */
  serviceCategories: Record<string, string>;
  now: number;
}

export function toBillingAccount(vgroup: Vgroup, addons: VgroupAddon[], services: UsboxService[], options: MappingOptions): BillingAccount {
  const addon = (name: string) => addons.find((a) => a.name === name)?.strvalue.trim() || undefined;
  const login = addon(options.loginAddonField);
  const address = addon(options.addressAddonField);
  return {
    billing: options.billing,
    accountId: String(vgroup.vgid),
    agreementId: String(vgroup.agrmid),
    ...(login === undefined ? {} : { login }),
    ...(address === undefined ? {} : { address }),
    ...statusOf(vgroup),
    services: billingServices(services, options),
    balance: vgroup.balance,
    ...(vgroup.changed > 0 ? { changedAt: new Date(vgroup.changed).toISOString() } : {}),
  };
}

/** Usbox services whose category maps to one of our services; active while now is within [timefrom, timeto). */
function billingServices(services: UsboxService[], options: MappingOptions): BillingService[] {
  const serviceByCategory = new Map(Object.entries(options.serviceCategories).map(([service, category]) => [category, service]));
  return services.flatMap(({ service }) => {
    const name = serviceByCategory.get(service.catidx);
    if (name === undefined) return [];
    const from = service.timefrom === '' ? -Infinity : parseLbDate(service.timefrom);
    const to = service.timeto === '' ? Infinity : parseLbDate(service.timeto);
    return [{ service: name, externalId: String(service.servid), active: from <= options.now && options.now < to }];
  });
}
