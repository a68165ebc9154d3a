import { PermanentError } from '../errors';
import type { BillingSystem } from '../ports';
import type { BillingAccount, BlockReason, ChargeResult } from '../../domain/billing';
import type { Logger } from '../../domain/logger';
import type { LanbillingClient } from './client';
import type { LanbillingConfig } from './config';
import { InsufficientFundsError } from './errors';
import { blockReasonOf, BLOCK_CODE_BY_REASON, toBillingAccount } from './mapping';
import { blkVgroup } from './operations/blk-vgroup';
import { getAgreements } from './operations/get-agreements';
import { getUsboxServices, UsboxService } from './operations/get-usbox-services';
import { getVgroupAddons } from './operations/get-vgroup-addons';
import { getVgroups } from './operations/get-vgroups';
import { payment } from './operations/payment';

/** Vgroups whose addons are read at the same time while listing. */
const ADDON_READ_CONCURRENCY = 8;

/**
 * LANBilling as subsync's BillingSystem: an account is an учётная запись (vgroup, id
 * `vgid`), charged through its договор (agreement, id `agrmid`).
 */
export class LanbillingBilling implements BillingSystem {
  readonly kind = 'lanbilling';

  constructor(
    readonly name: string,
    /** The api3 client, for acting as a LANBilling manager (see the operations export). */
    readonly client: LanbillingClient,
    private readonly config: LanbillingConfig,
    private readonly logger: Logger,
  ) {}

  get loginField(): string {
    return this.config.loginAddonField;
  }

  async getAccount(accountId: string): Promise<BillingAccount> {
    const vgid = this.idOf('getAccount', 'accountId', accountId);
    // Archived vgroups too: a deleted account must read as disabled, not vanish.
    const [vgroup] = await getVgroups(this.client, { vgid, archive: 2 });
    if (!vgroup) throw new PermanentError(this.name, 'getAccount', 'not_found', `vgroup ${vgid} not found`);
    const [addons, services] = await Promise.all([getVgroupAddons(this.client, vgid), getUsboxServices(this.client, { vgid })]);
    return toBillingAccount(vgroup, addons, services, this.mappingOptions());
  }

  /** Live (not archived) vgroups; a deleted one disappears here and reads as disabled through getAccount. */
  async listAccounts(): Promise<BillingAccount[]> {
    const vgroups = await this.allPages((page) => getVgroups(this.client, page), (v) => v.vgid);
    const services = await this.allPages((page) => getUsboxServices(this.client, page), (s) => s.service.servid);
    const servicesByVgid = new Map<number, UsboxService[]>();
    for (const s of services) servicesByVgid.set(s.service.vgid, [...(servicesByVgid.get(s.service.vgid) ?? []), s]);
    const options = this.mappingOptions();
    return mapLimit(vgroups, ADDON_READ_CONCURRENCY, async (vgroup) =>
      toBillingAccount(vgroup, await getVgroupAddons(this.client, vgroup.vgid), servicesByVgid.get(vgroup.vgid) ?? [], options),
    );
  }

  /**
   * A withdrawal (Payment with a negative amount) whose receipt is the idempotency key, so a
   * repeated charge returns the first payment. Refused for lack of funds → a result, not an error.
   */
  async charge(input: { accountId: string; agreementId: string; amount: number; idempotencyKey: string; comment: string }): Promise<ChargeResult> {
    const agrmid = this.idOf('charge', 'agreementId', input.agreementId);
    if (!(Number.isFinite(input.amount) && input.amount > 0)) {
      throw new PermanentError(this.name, 'charge', 'validation', `invalid input: amount must be a positive number, got ${input.amount}`);
    }
    try {
      const recordid = await payment(this.client, { agrmid, amount: -input.amount, receipt: input.idempotencyKey, comment: input.comment });
      return { status: 'charged', chargeId: String(recordid) };
    } catch (err) {
      if (!(err instanceof InsufficientFundsError)) throw err;
      const [agreement] = await getAgreements(this.client, { agrmid });
      if (!agreement) throw new PermanentError(this.name, 'charge', 'not_found', `agreement ${agrmid} not found`);
      return { status: 'insufficient_funds', balance: agreement.balance };
    }
  }

  /**
   * Sets a block only on an active vgroup: one that is already blocked (for any reason) or
   * switched off keeps billing's state. null lifts the current block (codes 1–4); LANBilling
   * keeps one block code per vgroup, so it cannot tell who set it.
   */
  async setBlock(accountId: string, reason: BlockReason | null): Promise<void> {
    const vgid = this.idOf('setBlock', 'accountId', accountId);
    const [vgroup] = await getVgroups(this.client, { vgid });
    if (!vgroup) throw new PermanentError(this.name, 'setBlock', 'not_found', `vgroup ${vgid} not found`);
    if (reason === null) {
      if (blockReasonOf(vgroup.blocked) !== undefined) {
        await blkVgroup(this.client, { vgid, blk: vgroup.blocked as 1 | 2 | 3 | 4, state: 'off', comment: 'subsync' });
      }
      return;
    }
    const code = BLOCK_CODE_BY_REASON[reason];
    if (vgroup.blocked === code) return;
    if (vgroup.blocked !== 0) {
      this.logger.info({ system: this.name, vgid, blocked: vgroup.blocked, reason }, 'vgroup already blocked or switched off; leaving its block as it is');
      return;
    }
    await blkVgroup(this.client, { vgid, blk: code, state: 'on', comment: 'subsync' });
  }

  /** One page of one vgroup: cheap, and it needs a working session. */
  async health(): Promise<void> {
    await getVgroups(this.client, { pgnum: 1, pgsize: 1 });
  }

  private mappingOptions() {
    return {
      billing: this.name,
      loginAddonField: this.config.loginAddonField,
      addressAddonField: this.config.addressAddonField,
      serviceCategories: this.config.serviceCategories,
      now: Date.now(),
    };
  }

  /** Reads pgnum 1, 2, … until a short page; stops early on a server that ignores paging (repeats a page). */
  private async allPages<T>(fetch: (page: { pgnum: number; pgsize: number }) => Promise<T[]>, key: (item: T) => number): Promise<T[]> {
    const pgsize = this.config.pageSize;
    const seen = new Set<number>();
    const all: T[] = [];
    for (let pgnum = 1; ; pgnum += 1) {
      const page = await fetch({ pgnum, pgsize });
      const fresh = page.filter((item) => !seen.has(key(item)));
      fresh.forEach((item) => seen.add(key(item)));
      all.push(...fresh);
      if (page.length < pgsize || fresh.length < page.length) return all;
    }
  }

  private idOf(operation: string, field: string, value: string): number {
    const id = Number(value);
    if (!/^\d+$/.test(value) || !Number.isSafeInteger(id) || id <= 0) {
      throw new PermanentError(this.name, operation, 'validation', `invalid input: ${field} must be a positive integer id, got "${value}"`);
    }
    return id;
  }
}

async function mapLimit<T, R>(items: T[], limit: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await run(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
