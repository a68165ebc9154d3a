import type { Filter } from './filter';
import { page } from './filter';
import { alreadyExists, invalid, LbFault, notFound } from './lb-fault';

/**
 * The simulated LANBilling data and its rules: абоненты (accounts), договоры (agreements that
 * hold the money), учётные записи (vgroups) with their addresses and addon fields, periodic
 * "usbox" services, payments and the block history. Field names are the vendor's (api3.wsdl);
 * methods mirror the api3 calls, return values in the vendor's types (the Wire fills in the
 * elements the simulator does not model) and throw LbFault the way the core answers, naming
 * the wire path of a bad field (val.vgroup.login, val.amount).
 */

/** vgroups.blocked: 0 active, 1 and 4 financial blocks, 2 user, 3 administrative, 10 switched off. */
export const BLOCK = { none: 0, balance: 1, user: 2, manager: 3, balanceDebt: 4, off: 10 } as const;
const SETTABLE_BLOCKS: readonly number[] = [BLOCK.balance, BLOCK.user, BLOCK.manager, BLOCK.balanceDebt, BLOCK.off];

export interface Account { uid: number; type: number; login: string; pass: string; name: string; descr: string; email: string; phone: string; mobile: string }
export interface Agreement { agrmid: number; uid: number; operid: number; curid: number; number: string; date: string; balance: number; credit: number }
/** soapAddressBrief. */
export interface Address { type: number; code: string; address: string }
export interface Vgroup {
  vgid: number; agrmid: number;
  /** The agent (the vendor's `id` in soapVgroup). */
  agentid: number;
  tarid: number; login: string; pass: string; descr: string;
  blocked: number; blkreq: number; archive: number;
  creationdate: string;
  /** Last activation; empty while the vgroup was never switched on. */
  accondate: string;
  accondatefirst: string;
  /** Last time it was switched off (code 10). */
  accoffdate: string;
  /** When the current block was set; empty while active. */
  blockdate: string;
  addresses: Address[];
}
export interface AddonField { name: string; descr: string; idx: number; type: number }
export interface UsboxService { servid: number; vgid: number; tarid: number; catidx: number; mul: number; comment: string; created: string; timefrom: string; timeto: string; externaldata: string }
export interface Payment { recordid: number; agrmid: number; modperson: number; classid: number; amount: number; paydate: string; receipt: string; comment: string }
/** soapBlockRasp with ishistory 1: one applied change of a vgroup's block state. */
export interface BlockRecord { recordid: number; vgid: number; blkreq: number; requestby: number; changetime: string; mgrname: string; comment: string }

/** Who made a change: the manager of the session, or the billing itself (personid -1). */
export interface Actor { personid: number; login: string }
export const SYSTEM: Actor = { personid: -1, login: '' };

export interface AccountInput { type: number; login: string; pass: string; name: string; descr?: string; email?: string; phone?: string; mobile?: string }
export interface AgreementInput { uid: number; operid: number; curid: number; number: string; date?: string; balance?: number; credit?: number }
export interface VgroupInput { agrmid: number; agentid: number; tarid: number; login: string; pass?: string; descr?: string }
export interface AddonInput { name: string; strvalue: string }
export interface UsboxInput { vgid: number; tarid: number; catidx: number; mul: number; comment?: string; timefrom?: string; timeto?: string; externaldata?: string }
export interface PaymentInput { agrmid: number; amount: number; receipt?: string; comment?: string; classid?: number; paydate?: string }

export interface GenerateOptions {
  /** The agent and tariff of every vgroup (default 1 and 1). */
  agentid?: number;
  tarid?: number;
  /** The periodic service's category within the tariff (default 0). */
  catidx?: number;
  /** The addon holding the login (default isvyaz_login): `generatedLogin(vgid)`. */
  loginAddon?: string;
  /** When the services started (default 2026-01-01 00:00:00). */
  servicesFrom?: string;
}

export interface GenerateResult { created: number; firstVgid: number; lastVgid: number }

/** The login addon a generated vgroup gets: 79 and its vgid in nine digits, like a phone number. */
export function generatedLogin(vgid: number): string {
  return `79${String(vgid).padStart(9, '0')}`;
}

/** The address a generated vgroup gets: a hundred apartments to a house. */
export function generatedAddress(vgid: number): string {
  return `ул. Генераторная, д. ${Math.ceil(vgid / 100)}, кв. ${((vgid - 1) % 100) + 1}`;
}

/** Seeds may pin ids; the api itself always allocates them. */
export interface InsertOptions { id?: number }

export const DEFAULT_ADDON_FIELDS: readonly AddonField[] = [{ name: 'isvyaz_login', descr: 'Логин профиля на платформе «Интерсвязи»', idx: 0, type: 0 }];

type IdKind = 'uid' | 'agrmid' | 'vgid' | 'servid' | 'recordid' | 'blockid';
const DATE_RE = /^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}:\d{2})?$/;

/** LANBilling's "YYYY-MM-DD HH:MM:SS"; the simulator keeps every date in UTC. */
export function formatDate(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').slice(0, 19);
}

export function parseDate(text: string): number {
  return Date.parse(`${text.length === 10 ? `${text} 00:00:00` : text}Z`.replace(' ', 'T'));
}

export class LanbillingStore {
  readonly accounts = new Map<number, Account>();
  readonly agreements = new Map<number, Agreement>();
  readonly vgroups = new Map<number, Vgroup>();
  /** vgid → addon name → value. */
  readonly addons = new Map<number, Map<string, string>>();
  readonly addonFields = new Map<string, AddonField>();
  readonly services = new Map<number, UsboxService>();
  /** vgid → its services' ids: a read of one vgroup's services need not scan them all. */
  private readonly servicesByVgid = new Map<number, Set<number>>();
  readonly payments = new Map<number, Payment>();
  readonly blockHistory: BlockRecord[] = [];
  private lastIds: Record<IdKind, number> = { uid: 0, agrmid: 0, vgid: 0, servid: 0, recordid: 0, blockid: 0 };

  constructor(private readonly now: () => number = Date.now) {
    this.reset();
  }

  reset(): void {
    for (const map of [this.accounts, this.agreements, this.vgroups, this.addons, this.addonFields, this.services, this.servicesByVgid, this.payments]) map.clear();
    this.blockHistory.length = 0;
    this.lastIds = { uid: 0, agrmid: 0, vgid: 0, servid: 0, recordid: 0, blockid: 0 };
    for (const field of DEFAULT_ADDON_FIELDS) this.addonFields.set(field.name, { ...field });
  }

  defineAddonField(field: { name: string; descr?: string }): void {
    if (this.addonFields.has(field.name)) return;
    this.addonFields.set(field.name, { name: field.name, descr: field.descr ?? field.name, idx: 0, type: 0 });
  }

  // --- accounts ---------------------------------------------------------------------------

  /** soapAccountsListItem: the абонент (soapAccountBrief) and its agreements (soapAgreementBrief). */
  getAccounts(flt: Pick<Filter, 'userid' | 'login' | 'pgnum' | 'pgsize'>) {
    const accounts = [...this.accounts.values()].filter((a) => (!flt.userid || a.uid === flt.userid) && (!flt.login || a.login === flt.login));
    return page(accounts, flt).map((a) => ({
      account: {
        uid: a.uid, vgcnt: this.liveVgroups().filter((v) => this.agreements.get(v.agrmid)?.uid === a.uid).length,
        type: a.type, category: 0, def: 0, templ: 0, login: a.login, name: a.name, descr: a.descr, email: a.email, phone: a.phone, mobile: a.mobile,
      },
      agreements: [...this.agreements.values()].filter((g) => g.uid === a.uid).map((g) => ({ agrmid: g.agrmid, balance: g.balance, number: g.number, date: g.date })),
    }));
  }

  insupdAccount(isInsert: boolean, uid: number, input: AccountInput, opts: InsertOptions = {}): number {
    if (![1, 2].includes(input.type)) throw invalid('val.account.type', 'must be 1 (legal entity) or 2 (natural person)');
    if (input.name.trim() === '') throw invalid('val.account.name', 'must not be empty');
    const existing = isInsert ? undefined : this.accountById(uid, 'val.account.uid');
    if (input.login !== '' && [...this.accounts.values()].some((a) => a.login === input.login && a.uid !== existing?.uid)) {
      throw alreadyExists('Account', 'val.account.login', input.login);
    }
    const id = existing?.uid ?? this.allocate('uid', opts.id, this.accounts);
    this.accounts.set(id, {
      uid: id, type: input.type, login: input.login, pass: input.pass, name: input.name,
      descr: input.descr ?? existing?.descr ?? '', email: input.email ?? existing?.email ?? '', phone: input.phone ?? existing?.phone ?? '', mobile: input.mobile ?? existing?.mobile ?? '',
    });
    return id;
  }

  // --- agreements -------------------------------------------------------------------------

  getAgreements(flt: Pick<Filter, 'agrmid' | 'userid' | 'agrmnum' | 'pgnum' | 'pgsize'>) {
    const list = [...this.agreements.values()].filter(
      (g) => (!flt.agrmid || g.agrmid === flt.agrmid) && (!flt.userid || g.uid === flt.userid) && (!flt.agrmnum || g.number === flt.agrmnum),
    );
    return page(list, flt).map((g) => ({
      ...g,
      vgroups: this.liveVgroups().filter((v) => v.agrmid === g.agrmid).length,
      username: this.accounts.get(g.uid)?.name ?? '',
    }));
  }

  /** Balance is only taken on insert (the opening balance); afterwards it moves through Payment alone. */
  insupdAgreement(isInsert: boolean, agrmid: number, input: AgreementInput, opts: InsertOptions = {}): number {
    const existing = isInsert ? undefined : this.agreementById(agrmid, 'val.agrmid');
    this.accountById(input.uid, 'val.uid');
    if (input.number.trim() === '') throw invalid('val.number', 'must not be empty');
    if ([...this.agreements.values()].some((g) => g.number === input.number && g.agrmid !== existing?.agrmid)) {
      throw alreadyExists('Agreement', 'val.number', input.number);
    }
    const credit = input.credit ?? existing?.credit ?? 0;
    if (credit < 0) throw invalid('val.credit', 'must not be negative');
    if (input.date !== undefined && input.date !== '' && !DATE_RE.test(input.date)) throw invalid('val.date', 'expected YYYY-MM-DD');
    const id = existing?.agrmid ?? this.allocate('agrmid', opts.id, this.agreements);
    this.agreements.set(id, {
      agrmid: id, uid: input.uid, operid: input.operid, curid: input.curid, number: input.number, credit,
      balance: existing ? existing.balance : roundMoney(input.balance ?? 0),
      date: input.date || existing?.date || formatDate(this.now()).slice(0, 10),
    });
    return id;
  }

  // --- vgroups ----------------------------------------------------------------------------

  /** soapVgroupBrief list. `archive` 0 live vgroups, 1 archived ones. */
  getVgroups(flt: Pick<Filter, 'vgid' | 'agrmid' | 'userid' | 'agentid' | 'tarid' | 'login' | 'archive' | 'pgnum' | 'pgsize'>) {
    const list = [...this.vgroups.values()].filter(
      (v) =>
        v.archive === (flt.archive ? 1 : 0) &&
        (!flt.vgid || v.vgid === flt.vgid) &&
        (!flt.agrmid || v.agrmid === flt.agrmid) &&
        (!flt.userid || this.agreements.get(v.agrmid)?.uid === flt.userid) &&
        (!flt.agentid || v.agentid === flt.agentid) &&
        (!flt.tarid || v.tarid === flt.tarid) &&
        (!flt.login || v.login === flt.login),
    );
    return page(list, flt).map((v) => {
      const agreement = this.agreements.get(v.agrmid);
      const account = agreement ? this.accounts.get(agreement.uid) : undefined;
      return {
        vgid: v.vgid, id: v.agentid, tarid: v.tarid, agrmid: v.agrmid, blkreq: v.blkreq, blocked: v.blocked, uid: agreement?.uid ?? 0,
        balance: agreement?.balance ?? 0, login: v.login, descr: v.descr, agrmnum: agreement?.number ?? '', username: account?.name ?? '',
        creationdate: v.creationdate, accondate: v.accondate, accoffdate: v.accoffdate, blockdate: v.blockdate,
        address: v.addresses.map((a) => ({ ...a })),
      };
    });
  }

  /** soapVgroupFull: the vgroup with its addons and addresses, archived ones too. */
  getVgroup(id: number) {
    const v = this.vgroupById(id, 'id');
    const agreement = this.agreements.get(v.agrmid);
    return {
      vgroup: {
        vgid: v.vgid, tarid: v.tarid, agrmid: v.agrmid, id: v.agentid, uid: agreement?.uid ?? 0, blkreq: v.blkreq, blocked: v.blocked, archive: v.archive,
        accondatefirst: v.accondatefirst, creationdate: v.creationdate, accondate: v.accondate, accoffdate: v.accoffdate, blockdate: v.blockdate,
        descr: v.descr, login: v.login, pass: v.pass,
      },
      addons: this.getVgroupAddons(id),
      addresses: v.addresses.map((a) => ({ ...a })),
      agrmnum: agreement?.number ?? '',
      username: (agreement && this.accounts.get(agreement.uid)?.name) ?? '',
    };
  }

  /** A new vgroup starts switched off (blocked 10) and never activated: lifting code 10 activates it. */
  insupdVgroup(isInsert: boolean, vgid: number, input: VgroupInput, addons: AddonInput[] = [], addresses: Address[] = [], opts: InsertOptions = {}): number {
    const existing = isInsert ? undefined : this.liveVgroup(vgid, 'val.vgroup.vgid');
    this.agreementById(input.agrmid, 'val.vgroup.agrmid');
    if (input.agentid <= 0) throw invalid('val.vgroup.id', 'must be the id of the agent');
    if (input.tarid <= 0) throw invalid('val.vgroup.tarid', 'must be a tariff id');
    if (input.login.trim() === '') throw invalid('val.vgroup.login', 'must not be empty');
    if (this.liveVgroups().some((v) => v.login === input.login && v.agentid === input.agentid && v.vgid !== existing?.vgid)) {
      throw alreadyExists('Vgroup', 'val.vgroup.login', input.login);
    }
    addons.forEach((a, i) => this.addonField(a.name, `val.addons.${i}.name`));
    const id = existing?.vgid ?? this.allocate('vgid', opts.id, this.vgroups);
    const vgroup: Vgroup = existing ?? {
      vgid: id, agrmid: input.agrmid, agentid: input.agentid, tarid: input.tarid, login: input.login, pass: '', descr: '',
      blocked: BLOCK.off, blkreq: BLOCK.off, archive: 0, creationdate: formatDate(this.now()), accondate: '', accondatefirst: '', accoffdate: '', blockdate: '', addresses: [],
    };
    Object.assign(vgroup, {
      agrmid: input.agrmid, agentid: input.agentid, tarid: input.tarid, login: input.login,
      pass: input.pass ?? vgroup.pass, descr: input.descr ?? vgroup.descr,
    });
    // Addresses are replaced when given (the whole list), kept when not.
    if (isInsert || addresses.length > 0) vgroup.addresses = addresses.map((a) => ({ ...a }));
    this.vgroups.set(id, vgroup);
    const values = this.addons.get(id) ?? new Map<string, string>();
    for (const a of addons) values.set(a.name, a.strvalue);
    this.addons.set(id, values);
    return id;
  }

  /**
   * state "on" sets code blk, "off" lifts it when it is the current code (lifting 10 activates).
   * Repeating either changes nothing. Each change is one record in the block history.
   */
  blkVgroup(id: number, blk: number, state: string, comment = '', actor: Actor = SYSTEM): number {
    const vgroup = this.liveVgroup(id, 'id');
    if (!SETTABLE_BLOCKS.includes(blk)) throw invalid('blk', `must be one of ${SETTABLE_BLOCKS.join(', ')}`);
    if (state !== 'on' && state !== 'off') throw invalid('state', 'must be "on" or "off"');
    const now = formatDate(this.now());
    if (state === 'on' && vgroup.blocked !== blk) {
      Object.assign(vgroup, { blocked: blk, blkreq: blk, blockdate: now });
      if (blk === BLOCK.off) vgroup.accoffdate = now;
      this.recordBlock(vgroup, actor, comment);
    } else if (state === 'off' && vgroup.blocked === blk) {
      Object.assign(vgroup, { blocked: BLOCK.none, blkreq: BLOCK.none, blockdate: '' });
      if (blk === BLOCK.off) {
        vgroup.accondate = now;
        if (vgroup.accondatefirst === '') vgroup.accondatefirst = now;
      }
      this.recordBlock(vgroup, actor, comment);
    }
    return 1;
  }

  /** soapBlockRasp records (applied changes, ishistory 1), oldest first. */
  getBlockRasp(flt: Pick<Filter, 'vgid' | 'pgnum' | 'pgsize'>) {
    const list = this.blockHistory.filter((r) => !flt.vgid || r.vgid === flt.vgid);
    return page(list, flt).map((r) => ({ recordid: r.recordid, vgid: r.vgid, blkreq: r.blkreq, id: this.vgroups.get(r.vgid)?.agentid ?? 0, ishistory: 1, requestby: r.requestby, changetime: r.changetime, mgrname: r.mgrname, comment: r.comment }));
  }

  /** Deleting archives the vgroup (as LANBilling does): it is switched off and its services end now. */
  delVgroup(id: number, actor: Actor = SYSTEM): number {
    const vgroup = this.liveVgroup(id, 'id');
    const now = formatDate(this.now());
    if (vgroup.blocked !== BLOCK.off) {
      Object.assign(vgroup, { blocked: BLOCK.off, blkreq: BLOCK.off, blockdate: now, accoffdate: now });
      this.recordBlock(vgroup, actor, 'deleted');
    }
    vgroup.archive = 1;
    for (const s of this.services.values()) {
      if (s.vgid === id && (s.timeto === '' || s.timeto > now)) s.timeto = now;
    }
    return 1;
  }

  // --- addons -----------------------------------------------------------------------------

  /** soapVgroupAddon list: the vgroup's addon values. */
  getVgroupAddons(id: number) {
    const vgroup = this.vgroupById(id, 'id');
    const values = this.addons.get(id) ?? new Map<string, string>();
    return [...values.entries()].map(([name, strvalue]) => {
      const field = this.addonFields.get(name);
      return { vgid: id, type: field?.type ?? 0, agentid: vgroup.agentid, idx: field?.idx ?? 0, name, descr: field?.descr ?? name, strvalue };
    });
  }

  setVgroupAddon(vgid: number, input: AddonInput): number {
    this.liveVgroup(vgid, 'val.vgid');
    this.addonField(input.name, 'val.name');
    const values = this.addons.get(vgid) ?? new Map<string, string>();
    values.set(input.name, input.strvalue);
    this.addons.set(vgid, values);
    return 1;
  }

  // --- periodic services ------------------------------------------------------------------

  /** soapUsboxServiceFull list. */
  getUsboxServices(flt: Pick<Filter, 'vgid' | 'agrmid' | 'userid' | 'tarid' | 'catidx' | 'pgnum' | 'pgsize'>) {
    const candidates = flt.vgid ? [...(this.servicesByVgid.get(flt.vgid) ?? [])].sort((a, b) => a - b).map((id) => this.services.get(id)!) : [...this.services.values()];
    const list = candidates.filter((s) => {
      const vgroup = this.vgroups.get(s.vgid);
      return (
        (!flt.vgid || s.vgid === flt.vgid) &&
        (!flt.agrmid || vgroup?.agrmid === flt.agrmid) &&
        (!flt.userid || this.agreements.get(vgroup?.agrmid ?? 0)?.uid === flt.userid) &&
        (!flt.tarid || s.tarid === flt.tarid) &&
        (flt.catidx < 0 || s.catidx === flt.catidx)
      );
    });
    return page(list, flt).map((s) => {
      const vgroup = this.vgroups.get(s.vgid);
      const agreement = this.agreements.get(vgroup?.agrmid ?? 0);
      return {
        service: { servid: s.servid, vgid: s.vgid, tarid: s.tarid, catidx: s.catidx, mul: s.mul, comment: s.comment, created: s.created, timefrom: s.timefrom, timeto: s.timeto, externaldata: s.externaldata },
        agrmid: vgroup?.agrmid ?? 0, uid: agreement?.uid ?? 0, agrmnumber: agreement?.number ?? '', vglogin: vgroup?.login ?? '',
      };
    });
  }

  insupdUsboxService(isInsert: boolean, servid: number, input: UsboxInput, opts: InsertOptions = {}): number {
    const existing = isInsert ? undefined : this.serviceById(servid, 'val.servid');
    this.liveVgroup(input.vgid, 'val.vgid');
    if (existing && existing.vgid !== input.vgid) throw invalid('val.vgid', `service ${existing.servid} belongs to vgroup ${existing.vgid}`);
    if (input.tarid <= 0) throw invalid('val.tarid', 'must be the tariff of the service');
    if (input.catidx < 0) throw invalid('val.catidx', 'must be a category index of the tariff');
    if (!(input.mul > 0)) throw invalid('val.mul', 'must be positive');
    const timefrom = input.timefrom || existing?.timefrom || formatDate(this.now());
    if (!DATE_RE.test(timefrom)) throw invalid('val.timefrom', 'expected YYYY-MM-DD HH:MM:SS');
    const timeto = input.timeto ?? existing?.timeto ?? '';
    this.checkEnd(timefrom, timeto, 'val.timeto');
    const id = existing?.servid ?? this.allocate('servid', opts.id, this.services);
    this.indexService(id, input.vgid);
    this.services.set(id, {
      servid: id, vgid: input.vgid, tarid: input.tarid, catidx: input.catidx, mul: input.mul,
      comment: input.comment ?? existing?.comment ?? '', created: existing?.created ?? formatDate(this.now()), timefrom, timeto, externaldata: input.externaldata ?? existing?.externaldata ?? '',
    });
    return id;
  }

  /** Ends a periodic service at `timeto` (now when empty). */
  stopUsboxService(id: number, timeto: string): number {
    const service = this.serviceById(id, 'id');
    this.liveVgroup(service.vgid, 'id');
    const end = timeto || formatDate(this.now());
    this.checkEnd(service.timefrom, end, 'timeto');
    service.timeto = end;
    return 1;
  }

  delUsboxService(id: number): number {
    const service = this.serviceById(id, 'id');
    this.services.delete(id);
    this.servicesByVgid.get(service.vgid)?.delete(id);
    return 1;
  }

  // --- payments ---------------------------------------------------------------------------

  /**
   * Books a payment on an agreement; a negative amount is a withdrawal. The core does not refuse
   * a withdrawal for lack of funds here, nor a receipt it has seen before (see README, Fidelity).
   */
  payment(input: PaymentInput, actor: Actor = SYSTEM): number {
    const agreement = this.agreementById(input.agrmid, 'val.agrmid');
    if (!Number.isFinite(input.amount) || input.amount === 0) throw invalid('val.amount', 'must be a non-zero number');
    if (input.paydate !== undefined && input.paydate !== '' && !DATE_RE.test(input.paydate)) throw invalid('val.paydate', 'expected YYYY-MM-DD HH:MM:SS');
    const amount = roundMoney(input.amount);
    const recordid = this.allocate('recordid', undefined, this.payments);
    this.payments.set(recordid, {
      recordid, agrmid: input.agrmid, modperson: actor.personid, classid: input.classid ?? 0, amount,
      paydate: input.paydate || formatDate(this.now()), receipt: input.receipt ?? '', comment: input.comment ?? '',
    });
    agreement.balance = roundMoney(agreement.balance + amount);
    return recordid;
  }

  /** soapPaymentFull list. */
  getPayments(flt: Pick<Filter, 'agrmid' | 'userid' | 'recordid' | 'receipt' | 'pgnum' | 'pgsize'>) {
    const list = [...this.payments.values()].filter(
      (p) =>
        (!flt.agrmid || p.agrmid === flt.agrmid) &&
        (!flt.userid || this.agreements.get(p.agrmid)?.uid === flt.userid) &&
        (!flt.recordid || p.recordid === flt.recordid) &&
        (!flt.receipt || p.receipt === flt.receipt),
    );
    return page(list, flt).map((p) => {
      const agreement = this.agreements.get(p.agrmid);
      return { pay: { ...p }, uid: agreement?.uid ?? 0, agrm: agreement?.number ?? '' };
    });
  }

  snapshot() {
    return {
      accounts: [...this.accounts.values()],
      agreements: [...this.agreements.values()],
      vgroups: [...this.vgroups.values()].map((v) => ({ ...v, addons: Object.fromEntries(this.addons.get(v.vgid) ?? []) })),
      usboxServices: [...this.services.values()],
      payments: [...this.payments.values()],
      blockHistory: [...this.blockHistory],
      addonFields: [...this.addonFields.values()],
    };
  }

  // --- bulk ---------------------------------------------------------------------------------

  /**
   * Adds `count` абоненты at once, each with one договор and one active учётная запись of the
   * intercom agent and tariff, its login addon and its periodic service (see GenerateOptions):
   * what a billing with a large customer base looks like, built in one go for benchmarks (the
   * api calls and the seed check each name against every other, which takes hours at 100,000).
   * Names are unique by construction (numbered by id).
   */
  generate(count: number, options: GenerateOptions = {}): GenerateResult {
    if (!Number.isSafeInteger(count) || count < 1 || count > 1_000_000) throw invalid('count', 'must be a whole number from 1 to 1,000,000');
    const { agentid = 1, tarid = 1, catidx = 0, loginAddon = 'isvyaz_login', servicesFrom = '2026-01-01 00:00:00' } = options;
    this.addonField(loginAddon, 'loginAddon');
    const now = formatDate(this.now());
    const first = this.lastIds.vgid + 1;
    for (let n = 0; n < count; n++) {
      const uid = this.allocate('uid', undefined, this.accounts);
      const agrmid = this.allocate('agrmid', undefined, this.agreements);
      const vgid = this.allocate('vgid', undefined, this.vgroups);
      const servid = this.allocate('servid', undefined, this.services);
      this.accounts.set(uid, { uid, type: 2, login: '', pass: '', name: `Абонент ${uid}`, descr: '', email: '', phone: '', mobile: '' });
      this.agreements.set(agrmid, { agrmid, uid, operid: 1, curid: 1, number: `G-${agrmid}`, date: now.slice(0, 10), balance: 1000, credit: 0 });
      const vgroup: Vgroup = {
        vgid, agrmid, agentid, tarid, login: `gen-${vgid}`, pass: '', descr: '', blocked: BLOCK.none, blkreq: BLOCK.none, archive: 0,
        creationdate: now, accondate: now, accondatefirst: now, accoffdate: '', blockdate: '',
        addresses: [{ type: 0, code: '', address: generatedAddress(vgid) }],
      };
      this.vgroups.set(vgid, vgroup);
      this.recordBlock(vgroup, SYSTEM, 'generated');
      this.addons.set(vgid, new Map([[loginAddon, generatedLogin(vgid)]]));
      this.indexService(servid, vgid);
      this.services.set(servid, { servid, vgid, tarid, catidx, mul: 1, comment: '', created: now, timefrom: servicesFrom, timeto: '', externaldata: '' });
    }
    return { created: count, firstVgid: first, lastVgid: this.lastIds.vgid };
  }

  // --- helpers ----------------------------------------------------------------------------

  private indexService(servid: number, vgid: number): void {
    const ids = this.servicesByVgid.get(vgid) ?? new Set<number>();
    ids.add(servid);
    this.servicesByVgid.set(vgid, ids);
  }

  private liveVgroups(): Vgroup[] {
    return [...this.vgroups.values()].filter((v) => v.archive === 0);
  }

  private recordBlock(vgroup: Vgroup, actor: Actor, comment: string): void {
    this.lastIds.blockid += 1;
    this.blockHistory.push({
      recordid: this.lastIds.blockid, vgid: vgroup.vgid, blkreq: vgroup.blocked, requestby: actor.personid,
      changetime: formatDate(this.now()), mgrname: actor.login, comment,
    });
  }

  private checkEnd(timefrom: string, timeto: string, field: string): void {
    if (timeto === '') return;
    if (!DATE_RE.test(timeto)) throw invalid(field, 'expected YYYY-MM-DD HH:MM:SS');
    if (parseDate(timeto) <= parseDate(timefrom)) throw invalid(field, 'must be after timefrom');
  }

  private allocate<T>(kind: IdKind, requested: number | undefined, taken: Map<number, T>): number {
    if (requested !== undefined) {
      if (taken.has(requested)) throw new LbFault('Client', `${kind} ${requested} is already taken`, kind);
      this.lastIds[kind] = Math.max(this.lastIds[kind], requested);
      return requested;
    }
    this.lastIds[kind] += 1;
    return this.lastIds[kind];
  }

  private accountById(uid: number | undefined, field: string): Account {
    const account = uid ? this.accounts.get(uid) : undefined;
    if (!account) throw notFound('Account', uid || `(missing ${field})`);
    return account;
  }

  private agreementById(agrmid: number | undefined, field: string): Agreement {
    const agreement = agrmid ? this.agreements.get(agrmid) : undefined;
    if (!agreement) throw notFound('Agreement', agrmid || `(missing ${field})`);
    return agreement;
  }

  private vgroupById(vgid: number | undefined, field: string): Vgroup {
    const vgroup = vgid ? this.vgroups.get(vgid) : undefined;
    if (!vgroup) throw notFound('Vgroup', vgid || `(missing ${field})`);
    return vgroup;
  }

  /** Archived vgroups can be read but not changed: for writes they are gone. */
  private liveVgroup(vgid: number | undefined, field: string): Vgroup {
    const vgroup = this.vgroupById(vgid, field);
    if (vgroup.archive !== 0) throw notFound('Vgroup', vgroup.vgid);
    return vgroup;
  }

  private serviceById(servid: number | undefined, field: string): UsboxService {
    const service = servid ? this.services.get(servid) : undefined;
    if (!service) throw notFound('Usbox service', servid || `(missing ${field})`);
    return service;
  }

  private addonField(name: string, field: string): AddonField {
    const def = this.addonFields.get(name);
    if (!def) throw invalid(field, `unknown addon field "${name}" (defined: ${[...this.addonFields.keys()].join(', ')})`);
    return def;
  }
}

function roundMoney(value: number): number {
  return Math.round(value * 100) / 100;
}
