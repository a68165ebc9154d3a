import { LbFault, alreadyExists, invalid, notFound } from './lb-fault';

/**
 * The simulated LANBilling data and its rules: абоненты (accounts), договоры (agreements
 * that hold the money), учётные записи (vgroups) with addon fields, periodic "usbox"
 * services and payments. Methods mirror the api3 calls and throw LbFault the way the real
 * core answers; field names in faults are the wire paths (val.vgroup.login, val.amount).
 */

/** vgroups.blocked codes. */
export const BLOCK = { none: 0, balance: 1, user: 2, manager: 3, traffic: 4, off: 10 } as const;
const SETTABLE_BLOCKS: readonly number[] = [BLOCK.balance, BLOCK.user, BLOCK.manager, BLOCK.traffic, BLOCK.off];

export interface Account { uid: number; type: number; login: string; pass: string; name: string; descr: string; email: string; phone: string; mobile: string }
export interface Agreement { agrmid: number; uid: number; number: string; balance: number; credit: number; date: string }
export interface Vgroup {
  vgid: number; agrmid: number; agentid: number; tarid: number; login: string; pass: string; descr: string;
  blocked: number; blkreq: number;
  /** Epoch ms of the last change to the vgroup, its addons or services; strictly increasing. */
  changed: number;
  archive: number; creationdate: string;
  /** First activation; empty while the vgroup was never switched on. */
  accondate: string;
  blockdate: string;
}
export interface AddonField { name: string; descr: string; idx: number; type: number }
export interface UsboxService { servid: number; vgid: number; tarid: number; catidx: string; mul: number; comment: string; timefrom: string; timeto: string; externaldata: string }
export interface Payment { recordid: number; agrmid: number; classid: number; amount: number; paydate: string; receipt: string; comment: string }

export interface Filter { agrmid?: number; archive?: number; pgnum?: number; pgsize?: number; userid?: number; vgid?: number; login?: string }

export interface AccountInput { uid?: number; type: number; login?: string; pass?: string; name: string; descr?: string; email?: string; phone?: string; mobile?: string }
export interface AgreementInput { agrmid?: number; uid: number; number: string; balance?: number; credit?: number; date?: string }
export interface VgroupInput { vgid?: number; agrmid: number; agentid: number; tarid: number; login: string; pass?: string; descr?: string }
export interface AddonInput { vgid: number; name: string; strvalue: string }
export interface UsboxInput { servid?: number; vgid: number; tarid?: number; catidx: string; mul: number; comment?: string; timefrom?: string; timeto?: string; externaldata?: string }
export interface PaymentInput { agrmid: number; amount: number; receipt: string; comment?: string; classid?: number; paydate?: string }

/** Seeds may pin ids; the api itself always allocates them. */
export interface InsertOptions { id?: number }

export const DEFAULT_ADDON_FIELDS: readonly AddonField[] = [
  { name: 'isvyaz_login', descr: 'Логин профиля на платформе «Интерсвязи»', idx: 1, type: 0 },
  { name: 'address', descr: 'Адрес (квартира)', idx: 2, type: 0 },
];

type IdKind = 'uid' | 'agrmid' | 'vgid' | 'servid' | 'recordid';
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
  readonly payments = new Map<number, Payment>();
  private readonly paymentByReceipt = new Map<string, number>();
  private lastIds: Record<IdKind, number> = { uid: 0, agrmid: 0, vgid: 0, servid: 0, recordid: 0 };
  private lastChange = 0;

  constructor(private readonly now: () => number = Date.now) {
    this.reset();
  }

  reset(): void {
    for (const map of [this.accounts, this.agreements, this.vgroups, this.addons, this.addonFields, this.services, this.payments, this.paymentByReceipt]) map.clear();
    this.lastIds = { uid: 0, agrmid: 0, vgid: 0, servid: 0, recordid: 0 };
    for (const field of DEFAULT_ADDON_FIELDS) this.addonFields.set(field.name, { ...field });
  }

  defineAddonField(field: { name: string; descr?: string }): void {
    if (this.addonFields.has(field.name)) return;
    const idx = Math.max(0, ...[...this.addonFields.values()].map((f) => f.idx)) + 1;
    this.addonFields.set(field.name, { name: field.name, descr: field.descr ?? field.name, idx, type: 0 });
  }

  // --- accounts ---------------------------------------------------------------------------

  getAccounts(flt: Filter) {
    const accounts = [...this.accounts.values()].filter((a) => !flt.userid || a.uid === flt.userid);
    return page(accounts, flt).map((a) => ({
      account: {
        uid: a.uid,
        vgcnt: this.liveVgroups().filter((v) => this.agreements.get(v.agrmid)?.uid === a.uid).length,
        type: a.type, login: a.login, name: a.name, descr: a.descr, email: a.email, phone: a.phone, mobile: a.mobile,
      },
      agreements: [...this.agreements.values()].filter((g) => g.uid === a.uid).map((g) => ({ agrmid: g.agrmid, balance: g.balance, number: g.number })),
    }));
  }

  insupdAccount(isInsert: boolean, input: AccountInput, opts: InsertOptions = {}): number {
    if (![1, 2].includes(input.type)) throw invalid('val.account.type', 'must be 1 (legal entity) or 2 (natural person)');
    if (input.name.trim() === '') throw invalid('val.account.name', 'must not be empty');
    const existing = isInsert ? undefined : this.accountById(input.uid, 'val.account.uid');
    const login = input.login ?? existing?.login ?? '';
    if (login !== '' && [...this.accounts.values()].some((a) => a.login === login && a.uid !== existing?.uid)) {
      throw alreadyExists('Account', 'val.account.login', login);
    }
    const uid = existing?.uid ?? this.allocate('uid', opts.id, this.accounts);
    this.accounts.set(uid, {
      uid, type: input.type, login, name: input.name,
      pass: input.pass ?? existing?.pass ?? '', descr: input.descr ?? existing?.descr ?? '', email: input.email ?? existing?.email ?? '',
      phone: input.phone ?? existing?.phone ?? '', mobile: input.mobile ?? existing?.mobile ?? '',
    });
    return uid;
  }

  // --- agreements -------------------------------------------------------------------------

  getAgreements(flt: Filter): Agreement[] {
    const list = [...this.agreements.values()].filter(
      (g) => (!flt.agrmid || g.agrmid === flt.agrmid) && (!flt.userid || g.uid === flt.userid),
    );
    return page(list, flt).map((g) => ({ ...g }));
  }

  /** Balance is only taken on insert (the opening balance); afterwards it moves through Payment alone. */
  insupdAgreement(isInsert: boolean, input: AgreementInput, opts: InsertOptions = {}): number {
    const existing = isInsert ? undefined : this.agreementById(input.agrmid, 'val.agrmid');
    this.accountById(input.uid, 'val.uid');
    if (input.number.trim() === '') throw invalid('val.number', 'must not be empty');
    if ([...this.agreements.values()].some((g) => g.number === input.number && g.agrmid !== existing?.agrmid)) {
      throw alreadyExists('Agreement', 'val.number', input.number);
    }
    const credit = input.credit ?? existing?.credit ?? 0;
    if (credit < 0) throw invalid('val.credit', 'must not be negative');
    if (input.date !== undefined && input.date !== '' && !DATE_RE.test(input.date)) throw invalid('val.date', 'expected YYYY-MM-DD');
    const agrmid = existing?.agrmid ?? this.allocate('agrmid', opts.id, this.agreements);
    this.agreements.set(agrmid, {
      agrmid, uid: input.uid, number: input.number, credit,
      balance: existing ? existing.balance : roundMoney(input.balance ?? 0),
      date: input.date || existing?.date || formatDate(this.now()).slice(0, 10),
    });
    return agrmid;
  }

  // --- vgroups ----------------------------------------------------------------------------

  getVgroups(flt: Filter) {
    const archive = flt.archive ?? 0;
    const list = [...this.vgroups.values()].filter(
      (v) =>
        (archive === 2 || v.archive === archive) &&
        (!flt.vgid || v.vgid === flt.vgid) &&
        (!flt.agrmid || v.agrmid === flt.agrmid) &&
        (!flt.userid || this.agreements.get(v.agrmid)?.uid === flt.userid) &&
        (!flt.login || v.login === flt.login),
    );
    return page(list, flt).map((v) => {
      const agreement = this.agreements.get(v.agrmid);
      const account = agreement ? this.accounts.get(agreement.uid) : undefined;
      return {
        vgid: v.vgid, agentid: v.agentid, tarid: v.tarid, agrmid: v.agrmid, uid: agreement?.uid ?? 0,
        blkreq: v.blkreq, blocked: v.blocked, changed: v.changed, archive: v.archive, balance: agreement?.balance ?? 0,
        login: v.login, descr: v.descr, agrmnum: agreement?.number ?? '', username: account?.name ?? '',
        creationdate: v.creationdate, accondate: v.accondate, blockdate: v.blockdate,
      };
    });
  }

  /** A new vgroup starts switched off (blocked 10) and never activated: lifting code 10 activates it. */
  insupdVgroup(isInsert: boolean, input: VgroupInput, addons: AddonInput[] = [], opts: InsertOptions = {}): number {
    const existing = isInsert ? undefined : this.liveVgroup(input.vgid, 'val.vgroup.vgid');
    this.agreementById(input.agrmid, 'val.vgroup.agrmid');
    if (input.agentid <= 0) throw invalid('val.vgroup.agentid', 'must be a positive agent id');
    if (input.tarid <= 0) throw invalid('val.vgroup.tarid', 'must be a positive tariff id');
    if (input.login.trim() === '') throw invalid('val.vgroup.login', 'must not be empty');
    if (this.liveVgroups().some((v) => v.login === input.login && v.agentid === input.agentid && v.vgid !== existing?.vgid)) {
      throw alreadyExists('Vgroup', 'val.vgroup.login', input.login);
    }
    addons.forEach((a, i) => this.addonField(a.name, `val.addons.${i}.name`));
    const vgid = existing?.vgid ?? this.allocate('vgid', opts.id, this.vgroups);
    const vgroup: Vgroup = existing ?? {
      vgid, agrmid: input.agrmid, agentid: input.agentid, tarid: input.tarid, login: input.login, pass: '', descr: '',
      blocked: BLOCK.off, blkreq: BLOCK.off, changed: 0, archive: 0, creationdate: formatDate(this.now()), accondate: '', blockdate: '',
    };
    Object.assign(vgroup, {
      agrmid: input.agrmid, agentid: input.agentid, tarid: input.tarid, login: input.login,
      pass: input.pass ?? vgroup.pass, descr: input.descr ?? vgroup.descr,
    });
    this.vgroups.set(vgid, vgroup);
    const values = this.addons.get(vgid) ?? new Map<string, string>();
    for (const a of addons) values.set(a.name, a.strvalue);
    this.addons.set(vgid, values);
    this.touch(vgroup);
    return vgid;
  }

  /** state "on" sets code blk; "off" lifts it when it is the current code. Repeating either changes nothing. */
  blkVgroup(id: number, blk: number, state: string): number {
    const vgroup = this.liveVgroup(id, 'id');
    if (!SETTABLE_BLOCKS.includes(blk)) throw invalid('blk', `must be one of ${SETTABLE_BLOCKS.join(', ')}`);
    if (state !== 'on' && state !== 'off') throw invalid('state', 'must be "on" or "off"');
    if (state === 'on' && vgroup.blocked !== blk) {
      Object.assign(vgroup, { blocked: blk, blkreq: blk, blockdate: formatDate(this.now()) });
      this.touch(vgroup);
    } else if (state === 'off' && vgroup.blocked === blk) {
      Object.assign(vgroup, { blocked: BLOCK.none, blkreq: BLOCK.none, blockdate: '' });
      if (vgroup.accondate === '') vgroup.accondate = formatDate(this.now());
      this.touch(vgroup);
    }
    return 1;
  }

  /** Deleting archives the vgroup (as LANBilling does): it is switched off and its services end now. */
  delVgroup(id: number): number {
    const vgroup = this.liveVgroup(id, 'id');
    const now = formatDate(this.now());
    Object.assign(vgroup, { archive: 1, blocked: BLOCK.off, blkreq: BLOCK.off, blockdate: now });
    for (const s of this.services.values()) {
      if (s.vgid === id && (s.timeto === '' || s.timeto > now)) s.timeto = now;
    }
    this.touch(vgroup);
    return 1;
  }

  // --- addons -----------------------------------------------------------------------------

  getVgroupAddons(id: number) {
    const vgroup = this.vgroupById(id, 'id');
    const values = this.addons.get(id) ?? new Map<string, string>();
    return [...values.entries()].map(([name, strvalue]) => {
      const field = this.addonFields.get(name);
      return { vgid: id, type: field?.type ?? 0, agentid: vgroup.agentid, idx: field?.idx ?? 0, name, descr: field?.descr ?? name, strvalue };
    });
  }

  setVgroupAddon(input: AddonInput): number {
    const vgroup = this.liveVgroup(input.vgid, 'val.vgid');
    this.addonField(input.name, 'val.name');
    const values = this.addons.get(input.vgid) ?? new Map<string, string>();
    if (values.get(input.name) !== input.strvalue) {
      values.set(input.name, input.strvalue);
      this.addons.set(input.vgid, values);
      this.touch(vgroup);
    }
    return 1;
  }

  // --- periodic services ------------------------------------------------------------------

  getUsboxServices(flt: Filter) {
    const list = [...this.services.values()].filter((s) => {
      const vgroup = this.vgroups.get(s.vgid);
      return (!flt.vgid || s.vgid === flt.vgid) && (!flt.agrmid || vgroup?.agrmid === flt.agrmid);
    });
    return page(list, flt).map((s) => {
      const vgroup = this.vgroups.get(s.vgid);
      return { service: { ...s }, agrmid: vgroup?.agrmid ?? 0, uid: this.agreements.get(vgroup?.agrmid ?? 0)?.uid ?? 0, vglogin: vgroup?.login ?? '' };
    });
  }

  insupdUsboxService(isInsert: boolean, input: UsboxInput, opts: InsertOptions = {}): number {
    const existing = isInsert ? undefined : this.serviceById(input.servid, 'val.servid');
    const vgroup = this.liveVgroup(input.vgid, 'val.vgid');
    if (existing && existing.vgid !== input.vgid) throw invalid('val.vgid', `service ${existing.servid} belongs to vgroup ${existing.vgid}`);
    if (input.catidx.trim() === '') throw invalid('val.catidx', 'must name a tariff category');
    if (!(input.mul > 0)) throw invalid('val.mul', 'must be positive');
    const timefrom = input.timefrom || existing?.timefrom || formatDate(this.now());
    if (!DATE_RE.test(timefrom)) throw invalid('val.timefrom', 'expected YYYY-MM-DD HH:MM:SS');
    const timeto = input.timeto ?? existing?.timeto ?? '';
    if (timeto !== '' && !DATE_RE.test(timeto)) throw invalid('val.timeto', 'expected YYYY-MM-DD HH:MM:SS');
    if (timeto !== '' && parseDate(timeto) <= parseDate(timefrom)) throw invalid('val.timeto', 'must be after timefrom');
    const servid = existing?.servid ?? this.allocate('servid', opts.id, this.services);
    this.services.set(servid, {
      servid, vgid: input.vgid, tarid: input.tarid || vgroup.tarid, catidx: input.catidx, mul: input.mul,
      comment: input.comment ?? existing?.comment ?? '', timefrom, timeto, externaldata: input.externaldata ?? existing?.externaldata ?? '',
    });
    this.touch(vgroup);
    return servid;
  }

  delUsboxService(id: number): number {
    const service = this.serviceById(id, 'id');
    this.services.delete(id);
    const vgroup = this.vgroups.get(service.vgid);
    if (vgroup) this.touch(vgroup);
    return 1;
  }

  // --- payments ---------------------------------------------------------------------------

  /**
   * The receipt is the payment's identity: the same receipt for the same agreement and amount
   * returns the first record and moves no money; reusing it for anything else is refused.
   * A withdrawal (negative amount) may not take the balance below -credit.
   */
  payment(input: PaymentInput): number {
    const agreement = this.agreementById(input.agrmid, 'val.agrmid');
    if (!Number.isFinite(input.amount) || input.amount === 0) throw invalid('val.amount', 'must be a non-zero number');
    if (input.receipt.trim() === '') throw invalid('val.receipt', 'must not be empty');
    const amount = roundMoney(input.amount);
    const previousId = this.paymentByReceipt.get(input.receipt);
    if (previousId !== undefined) {
      const previous = this.payments.get(previousId)!;
      if (previous.agrmid === input.agrmid && previous.amount === amount) return previous.recordid;
      throw alreadyExists('Payment', 'val.receipt', input.receipt);
    }
    if (amount < 0 && agreement.balance + amount < -agreement.credit) {
      throw new LbFault(
        'Client',
        `Insufficient funds on agreement ${agreement.number}: balance ${agreement.balance.toFixed(2)}, credit ${agreement.credit.toFixed(2)}, withdrawal ${(-amount).toFixed(2)}`,
        'val.amount',
      );
    }
    if (input.paydate !== undefined && input.paydate !== '' && !DATE_RE.test(input.paydate)) throw invalid('val.paydate', 'expected YYYY-MM-DD HH:MM:SS');
    const recordid = this.allocate('recordid', undefined, this.payments);
    this.payments.set(recordid, {
      recordid, agrmid: input.agrmid, classid: input.classid ?? 0, amount,
      paydate: input.paydate || formatDate(this.now()), receipt: input.receipt, comment: input.comment ?? '',
    });
    this.paymentByReceipt.set(input.receipt, recordid);
    agreement.balance = roundMoney(agreement.balance + amount);
    return recordid;
  }

  getPayments(flt: Filter) {
    const list = [...this.payments.values()].filter(
      (p) => (!flt.agrmid || p.agrmid === flt.agrmid) && (!flt.userid || this.agreements.get(p.agrmid)?.uid === flt.userid),
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
      addonFields: [...this.addonFields.values()],
    };
  }

  // --- helpers ----------------------------------------------------------------------------

  private liveVgroups(): Vgroup[] {
    return [...this.vgroups.values()].filter((v) => v.archive === 0);
  }

  /** Bumps `changed`; strictly increasing so two changes in one millisecond stay distinguishable. */
  private touch(vgroup: Vgroup): void {
    this.lastChange = Math.max(this.now(), this.lastChange + 1);
    vgroup.changed = this.lastChange;
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
    if (!account) throw notFound('Account', uid ?? `(missing ${field})`);
    return account;
  }

  private agreementById(agrmid: number | undefined, field: string): Agreement {
    const agreement = agrmid ? this.agreements.get(agrmid) : undefined;
    if (!agreement) throw notFound('Agreement', agrmid ?? `(missing ${field})`);
    return agreement;
  }

  private vgroupById(vgid: number | undefined, field: string): Vgroup {
    const vgroup = vgid ? this.vgroups.get(vgid) : undefined;
    if (!vgroup) throw notFound('Vgroup', vgid ?? `(missing ${field})`);
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
    if (!service) throw notFound('Usbox service', servid ?? `(missing ${field})`);
    return service;
  }

  private addonField(name: string, field: string): AddonField {
    const def = this.addonFields.get(name);
    if (!def) throw invalid(field, `unknown addon field "${name}" (defined: ${[...this.addonFields.keys()].join(', ')})`);
    return def;
  }
}

function page<T>(items: T[], flt: Filter): T[] {
  if (!flt.pgsize || flt.pgsize <= 0) return items;
  const pgnum = Math.max(1, flt.pgnum ?? 1);
  return items.slice((pgnum - 1) * flt.pgsize, pgnum * flt.pgsize);
}

function roundMoney(value: number): number {
  return Math.round(value * 100) / 100;
}
