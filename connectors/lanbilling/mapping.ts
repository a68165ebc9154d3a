import { createHash } from 'node:crypto';
import type { BillingAccount, BillingService, BlockReason } from '../../domain/billing';
import type { UsboxService } from './operations/get-usbox-services';
import type { VgroupAddon } from './operations/get-vgroup-addons';
import type { VgroupBrief } from './operations/get-vgroups';
import type { Address } from './schemas';
import { parseLbDate } from './schemas';

/**
 * How a LANBilling учётная запись reads as a BillingAccount.
 *
 * Status comes from `blocked` (https://docs.lanbilling.ru/43/accounts/statuses/): 0 active;
 * 1 and 4 financial blocks; 2 the user's block; 3 administrative; 10 switched off. A vgroup
 * with blocked 10 that was never activated (empty `accondate`) is "new": it is created
 * switched off and activation lifts code 10. An archived (deleted) vgroup is disabled.
 */
const REASON_BY_BLOCK_CODE: Record<number, BlockReason> = { 1: 'insufficient_funds', 2: 'user', 3: 'manager', 4: 'insufficient_funds' };
/** What subsync sets for each reason: administrative (3) is the only other code a manager sets, so `other` uses it too. */
export const BLOCK_CODE_BY_REASON: Record<BlockReason, 1 | 2 | 3> = { insufficient_funds: 1, user: 2, manager: 3, other: 3 };
const BLOCK_OFF = 10;

/** True for the codes that are a block (not active, not switched off). */
export function isBlockCode(blocked: number): boolean {
  return blocked !== 0 && blocked !== BLOCK_OFF;
}

export interface VgroupState {
  blocked: number;
  archive: number;
  accondate: string;
}

export function statusOf(vgroup: VgroupState): Pick<BillingAccount, 'status' | 'blockReason'> {
  if (vgroup.archive !== 0) return { status: 'disabled' };
  if (vgroup.blocked === 0) return { status: 'active' };
  if (vgroup.blocked === BLOCK_OFF) return { status: vgroup.accondate === '' ? 'new' : 'disabled' };
  // Codes beyond the documented ones still mean "blocked"; we just cannot say why.
  return { status: 'blocked', blockReason: REASON_BY_BLOCK_CODE[vgroup.blocked] ?? 'other' };
}

export interface MappingOptions {
  billing: string;
  loginAddonField: string;
  /** When set, the address comes from this addon instead of the vgroup's address. */
  addressAddonField?: string;
  /** Our service name → usbox category. */
  serviceCategories: Record<string, { catidx: number; tarid?: number }>;
  now: number;
}

/** What the mapping needs of a vgroup, from either read: soapVgroupBrief + addons, or soapVgroupFull. */
export interface VgroupView extends VgroupState {
  vgid: number;
  agrmid: number;
  addresses: Address[];
  addons: VgroupAddon[];
  /** Only the list view (soapVgroupBrief) carries the agreement's balance. */
  balance?: number;
}

export function toBillingAccount(vgroup: VgroupView, services: UsboxService[], options: MappingOptions): BillingAccount {
  const addon = (name: string) => vgroup.addons.find((a) => a.name === name)?.strvalue.trim() || undefined;
  const login = addon(options.loginAddonField);
  const address = options.addressAddonField ? addon(options.addressAddonField) : addressOf(vgroup.addresses);
  return {
    billing: options.billing,
    accountId: String(vgroup.vgid),
    agreementId: String(vgroup.agrmid),
    ...(login === undefined ? {} : { login }),
    ...(address === undefined ? {} : { address }),
    ...statusOf(vgroup),
    services: billingServices(services, options),
    ...(vgroup.balance === undefined ? {} : { balance: vgroup.balance }),
  };
}

/** The vgroup's address: the first one with text (a vgroup normally has one, the apartment). */
export function addressOf(addresses: Address[]): string | undefined {
  return addresses.map((a) => a.address.trim()).find((text) => text !== '');
}

/**
 * What the list view shows of a live vgroup, hashed: its status (block code, ever activated),
 * agreement, tariff and address. Addons and services are not in the list view.
 */
export function digestOf(vgroup: VgroupBrief): string {
  const seen = [vgroup.blocked, vgroup.accondate !== '', vgroup.agrmid, vgroup.tarid, addressOf(vgroup.address) ?? null];
  return createHash('sha256').update(JSON.stringify(seen)).digest('hex').slice(0, 16);
}

/** Usbox services whose category maps to one of our services; active while now is within [timefrom, timeto); the plan is the service's tariff. */
function billingServices(services: UsboxService[], options: MappingOptions): BillingService[] {
  const categories = Object.entries(options.serviceCategories);
  return services.flatMap(({ service }) => {
    const name = categories.find(([, c]) => c.catidx === service.catidx && (c.tarid === undefined || c.tarid === service.tarid))?.[0];
    if (name === undefined) return [];
    const from = service.timefrom === '' ? -Infinity : parseLbDate(service.timefrom);
    const to = service.timeto === '' ? Infinity : parseLbDate(service.timeto);
    return [{ service: name, externalId: String(service.servid), active: from <= options.now && options.now < to, plan: String(service.tarid) }];
  });
}
