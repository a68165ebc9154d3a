import { PermanentError } from '../errors';
import type { AccountDigest, BillingSystem } from '../ports';
import type { AccountHolder, BillingAccount, BlockReason, ChargeResult } from '../../domain/billing';
import type { Logger } from '../../domain/logger';
import type { LanbillingClient } from './client';
import type { LanbillingConfig } from './config';
import { BLOCK_CODE_BY_REASON, digestOf, isBlockCode, toBillingAccount } from './mapping';
import { blkVgroup } from './operations/blk-vgroup';
import { getAccounts } from './operations/get-accounts';
import { getAgreements } from './operations/get-agreements';
import { getBlockRasp } from './operations/get-block-rasp';
import { getPayments } from './operations/get-payments';
import { getUsboxServices, UsboxService } from './operations/get-usbox-services';
import { getVgroup } from './operations/get-vgroup';
import { getVgroupAddons } from './operations/get-vgroup-addons';
import { getVgroups } from './operations/get-vgroups';
import { payment } from './operations/payment';
import { setVgroupAddon } from './operations/set-vgroup-addon';

/** Vgroups whose addons are read at the same time while listing. */
const ADDON_READ_CONCURRENCY = 8;
/** The comment subsync writes with its own blocks, to know them again in the block history. */
const OWN_BLOCK_COMMENT = 'subsync';

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

  /**
   * Two calls: getVgroup (the vgroup with its addons and address, archived ones too, so a
   * deleted account reads as disabled), then its usbox services. One after the other: an
   * unknown vgid costs one call, and an expired session one refusal. No balance: soapVgroupFull has none.
   */
  async getAccount(accountId: string): Promise<BillingAccount> {
    const vgid = this.idOf('getAccount', 'accountId', accountId);
    const full = await getVgroup(this.client, vgid);
    const services = await getUsboxServices(this.client, { vgid });
    const view = { ...full.vgroup, addresses: full.addresses, addons: full.addons };
    return toBillingAccount(view, services, this.mappingOptions());
  }

  /**
   * The абонент behind the учётная запись: getVgroup names its uid, getAccounts (by userid) its
   * name, e-mail and type (1 legal entity, 2 natural person). Two calls, made only by the service
   * kinds that open a customer on a platform.
   */
  async accountHolder(accountId: string): Promise<AccountHolder> {
    const vgid = this.idOf('accountHolder', 'accountId', accountId);
    const { vgroup, username } = await getVgroup(this.client, vgid);
    const [found] = vgroup.uid > 0 ? await getAccounts(this.client, { userid: vgroup.uid }) : [];
    const name = (found?.account.name ?? username).trim();
    if (name === '') throw new PermanentError(this.name, 'accountHolder', 'not_found', `vgroup ${vgid} has no абонент with a name`);
    const email = found?.account.email.trim() || undefined;
    return { name, ...(email === undefined ? {} : { email }), type: found?.account.type === 1 ? 'organisation' : 'person' };
  }

  /** Live (not archived) vgroups; a deleted one disappears here and reads as disabled through getAccount. */
  async listAccounts(): Promise<BillingAccount[]> {
    const vgroups = await this.allPages((page) => getVgroups(this.client, page), (v) => v.vgid);
    const services = await this.allPages((page) => getUsboxServices(this.client, page), (s) => s.service.servid);
    const servicesByVgid = new Map<number, UsboxService[]>();
    for (const s of services) servicesByVgid.set(s.service.vgid, [...(servicesByVgid.get(s.service.vgid) ?? []), s]);
    const options = this.mappingOptions();
    return mapLimit(vgroups, ADDON_READ_CONCURRENCY, async (vgroup) =>
      toBillingAccount(
        { ...vgroup, archive: 0, addresses: vgroup.address, addons: await getVgroupAddons(this.client, vgroup.vgid) },
        servicesByVgid.get(vgroup.vgid) ?? [],
        options,
      ),
    );
  }

  /**
   * One page of live vgroups (getVgroups with pgnum/pgsize): one SOAP call whatever the page
   * size. The digest covers what that list view shows: block code, activation, agreement,
   * tariff and address; not the addons (the login) nor the periodic services (README).
   */
  async scanAccounts(input: { cursor?: string; pageSize: number }): Promise<{ accounts: AccountDigest[]; nextCursor?: string; calls: number }> {
    const { pageSize } = input;
    if (!Number.isSafeInteger(pageSize) || pageSize <= 0) {
      throw new PermanentError(this.name, 'scanAccounts', 'validation', `invalid input: pageSize must be a positive integer, got ${pageSize}`);
    }
    const pgnum = this.pageOf(input.cursor, pageSize);
    const { result: page, calls } = await this.client.metered(() => getVgroups(this.client, { pgnum, pgsize: pageSize }));
    return {
      accounts: page.map((v) => ({ accountId: String(v.vgid), digest: digestOf(v) })),
      ...(page.length < pageSize ? {} : { nextCursor: `${pgnum + 1}/${pageSize}` }),
      calls,
    };
  }

  /**
   * A withdrawal (Payment with a negative amount) whose receipt is the idempotency key. The key
   * is looked up first (getPayments by receipt), so a repeated charge returns the first payment;
   * then the agreement's balance and credit must cover the amount, else nothing is booked.
   */
  async charge(input: { accountId: string; agreementId: string; amount: number; idempotencyKey: string; comment: string }): Promise<ChargeResult> {
    const agrmid = this.idOf('charge', 'agreementId', input.agreementId);
    if (!(Number.isFinite(input.amount) && input.amount > 0)) {
      throw new PermanentError(this.name, 'charge', 'validation', `invalid input: amount must be a positive number, got ${input.amount}`);
    }
    const [booked] = await getPayments(this.client, { agrmid, receipt: input.idempotencyKey });
    if (booked) return { status: 'charged', chargeId: String(booked.pay.recordid) };
    const [agreement] = await getAgreements(this.client, { agrmid });
    if (!agreement) throw new PermanentError(this.name, 'charge', 'not_found', `agreement ${agrmid} not found`);
    if (cents(agreement.balance) + cents(agreement.credit) < cents(input.amount)) return { status: 'insufficient_funds', balance: agreement.balance };
    const recordid = await payment(this.client, { agrmid, amount: -input.amount, receipt: input.idempotencyKey, comment: input.comment });
    return { status: 'charged', chargeId: String(recordid) };
  }

  /**
   * Sets a block only on an active vgroup: one that is already blocked (for any reason) or
   * switched off keeps billing's state. null lifts the current block only when the block
   * history shows subsync set it; a block a manager or the billing set stays.
   */
  async setBlock(accountId: string, reason: BlockReason | null): Promise<void> {
    const vgid = this.idOf('setBlock', 'accountId', accountId);
    const [vgroup] = await getVgroups(this.client, { vgid });
    if (!vgroup) throw new PermanentError(this.name, 'setBlock', 'not_found', `vgroup ${vgid} not found`);
    if (reason === null) {
      if (!isBlockCode(vgroup.blocked)) return;
      if (!(await this.isOwnBlock(vgid, vgroup.blocked))) {
        this.logger.info({ system: this.name, vgid, blocked: vgroup.blocked }, 'vgroup blocked by someone else; leaving the block as it is');
        return;
      }
      await blkVgroup(this.client, { vgid, blk: vgroup.blocked as 1 | 2 | 3 | 4, state: 'off', comment: OWN_BLOCK_COMMENT });
      return;
    }
    const code = BLOCK_CODE_BY_REASON[reason];
    if (vgroup.blocked === code) return;
    if (vgroup.blocked !== 0) {
      this.logger.info({ system: this.name, vgid, blocked: vgroup.blocked, reason }, 'vgroup already blocked or switched off; leaving its block as it is');
      return;
    }
    await blkVgroup(this.client, { vgid, blk: code, state: 'on', comment: `${OWN_BLOCK_COMMENT}: ${reason}` });
  }

  /**
   * Writes platform data into the vgroup's addon fields (setVgroupAddon, one call per field, with
   * the vgroup's agent as soapVgroupAddon wants it). Addons belong to the vgroup, so `externalId`
   * (the usbox service) only names which service the data is for. The fields must be defined in
   * the billing (an unknown one is refused as `validation`).
   */
  async setServiceFields(accountId: string, _externalId: string, fields: Record<string, string>): Promise<void> {
    const vgid = this.idOf('setServiceFields', 'accountId', accountId);
    const [vgroup] = await getVgroups(this.client, { vgid });
    if (!vgroup) throw new PermanentError(this.name, 'setServiceFields', 'not_found', `vgroup ${vgid} not found`);
    for (const [name, value] of Object.entries(fields)) await setVgroupAddon(this.client, { vgid, name, value, agentid: vgroup.id });
  }

  prepare(): Promise<void> {
    return this.client.prepare();
  }

  /** One page of one vgroup: cheap, and it needs a working session. */
  async health(): Promise<void> {
    await getVgroups(this.client, { pgnum: 1, pgsize: 1 });
  }

  /** The latest applied change that set this code: ours when our manager asked for it with our comment. */
  private async isOwnBlock(vgid: number, blocked: number): Promise<boolean> {
    const history = await getBlockRasp(this.client, { vgid });
    const setting = history.filter((r) => r.ishistory === 1 && r.vgid === vgid && r.blkreq === blocked).sort((a, b) => b.recordid - a.recordid)[0];
    return setting !== undefined && setting.requestby === this.client.personid && setting.comment.startsWith(OWN_BLOCK_COMMENT);
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

  /** Cursors are `<pgnum>/<pgsize>`: a page number only means something with the page size it was counted in. */
  private pageOf(cursor: string | undefined, pageSize: number): number {
    if (cursor === undefined) return 1;
    const match = /^(\d+)\/(\d+)$/.exec(cursor);
    if (!match || Number(match[1]) < 1) throw new PermanentError(this.name, 'scanAccounts', 'validation', `invalid input: cursor "${cursor}" is not one scanAccounts gave`);
    if (Number(match[2]) !== pageSize) {
      throw new PermanentError(this.name, 'scanAccounts', 'validation', `invalid input: cursor "${cursor}" was made for pageSize ${match[2]}, not ${pageSize}`);
    }
    return Number(match[1]);
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

function cents(amount: number): number {
  return Math.round(amount * 100);
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
