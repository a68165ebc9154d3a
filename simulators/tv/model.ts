import { createHash, randomInt, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { SimError } from './errors';

/**
 * The state every TV flavour shares: a package catalog, subscribers (by RADIUS login) with a
 * base package, extra packages and set-top points, and a log of the changes that happened.
 * Operations are idempotent at the model level: asking for the current state changes nothing
 * and logs nothing; each flavour decides how its API words that (200, 204 or a 409).
 */
export type PackageKind = 'base' | 'extra';

export interface TvPackage {
  code: string;
  name: string;
  kind: PackageKind;
  /** Numeric id, for platforms that address packages by number (ION, Maxi TV). */
  id: number;
  /** UUID, for platforms that address packages by UUID (Beenius subscriptions). */
  uuid: string;
}

export interface TvDevice {
  casn: string;
  location?: string;
}

export interface TvSubscriber {
  /** Creation order; flavours derive their public ids from it (or from uuid). */
  seq: number;
  uuid: string;
  login: string;
  name?: string;
  externalId?: string;
  status: 'active' | 'suspended';
  basePackage?: string;
  extraPackages: string[];
  devices: TvDevice[];
  /** The auth PIN a set-top box asks for; only Beenius shows it. */
  pin: string;
  createdAt: string;
}

export type TvEventType =
  | 'subscriber.created'
  | 'subscriber.suspended'
  | 'subscriber.resumed'
  | 'subscriber.removed'
  | 'package.base_set'
  | 'package.added'
  | 'package.removed'
  | 'device.bound'
  | 'device.updated'
  | 'device.unbound'
  | 'device.swapped';

export interface TvEvent {
  seq: number;
  at: string;
  type: TvEventType;
  login: string;
  detail?: Record<string, string | undefined>;
}

const LOGIN = /^[A-Za-z0-9._@-]{1,64}$/;
const CASN = /^[A-Za-z0-9-]{4,32}$/;

const seedPackageSchema = z.object({
  code: z.string().min(1),
  name: z.string().min(1),
  kind: z.enum(['base', 'extra']),
  id: z.number().int().positive().optional(),
});
const seedSubscriberSchema = z.object({
  login: z.string().regex(LOGIN, 'letters, digits and . _ @ - only (1-64)'),
  name: z.string().optional(),
  externalId: z.string().optional(),
  status: z.enum(['active', 'suspended']).default('active'),
  basePackage: z.string().optional(),
  extraPackages: z.array(z.string()).default([]),
  devices: z.array(z.object({ casn: z.string().regex(CASN, '4-32 letters, digits or -'), location: z.string().optional() })).default([]),
  pin: z.string().regex(/^\d{4}$/, 'four digits').optional(),
});
/** The seed format (see README): packages are upserted by code, subscribers are added. */
export const tvSeedSchema = z.object({
  packages: z.array(seedPackageSchema).default([]),
  subscribers: z.array(seedSubscriberSchema).default([]),
});
export type TvSeed = z.input<typeof tvSeedSchema>;
export type TvSeedPackage = z.input<typeof seedPackageSchema>;

export class TvModel {
  private catalog = new Map<string, TvPackage>();
  private subs: TvSubscriber[] = [];
  private log: TvEvent[] = [];
  private nextSeq = 1;
  private nextPackageId = 101;
  private nextEventSeq = 1;

  constructor(private readonly defaultCatalog: TvSeedPackage[]) {
    this.reset();
  }

  reset(): void {
    this.catalog.clear();
    this.subs = [];
    this.log = [];
    this.nextSeq = 1;
    this.nextPackageId = 101;
    this.nextEventSeq = 1;
    this.seed({ packages: this.defaultCatalog });
  }

  /** Applies a seed atomically: a bad seed (400, naming the field) leaves the state as it was. */
  seed(data: unknown): void {
    const parsed = tvSeedSchema.safeParse(data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw seedError(`${issue.path.join('.')}: ${issue.message}`);
    }
    const saved = { catalog: new Map(this.catalog), subs: structuredClone(this.subs), nextSeq: this.nextSeq, nextPackageId: this.nextPackageId };
    try {
      for (const p of parsed.data.packages) this.upsertPackage(p);
      parsed.data.subscribers.forEach((s, n) => {
        try {
          this.seedSubscriber(s);
        } catch (err) {
          throw err instanceof SimError ? seedError(`subscribers.${n}: ${err.message}`) : err;
        }
      });
    } catch (err) {
      Object.assign(this, saved);
      throw err;
    }
  }

  snapshot(): { packages: TvPackage[]; subscribers: TvSubscriber[]; events: TvEvent[] } {
    return structuredClone({ packages: this.packages(), subscribers: this.subs, events: this.log });
  }

  packages(): TvPackage[] {
    return [...this.catalog.values()];
  }

  package(code: string): TvPackage {
    const p = this.catalog.get(code);
    if (!p) throw new SimError('not_found', 'package', `package "${code}" does not exist`, 'package');
    return p;
  }

  packageWhere(predicate: (p: TvPackage) => boolean, label: string): TvPackage {
    const p = this.packages().find(predicate);
    if (!p) throw new SimError('not_found', 'package', `package ${label} does not exist`, 'package');
    return p;
  }

  subscribers(): readonly TvSubscriber[] {
    return this.subs;
  }

  byLogin(login: string): TvSubscriber | undefined {
    return this.subs.find((s) => s.login === login);
  }

  /** Finds a subscriber by a flavour's public id. */
  where(predicate: (s: TvSubscriber) => boolean): TvSubscriber {
    const sub = this.subs.find(predicate);
    if (!sub) throw new SimError('not_found', 'subscriber', 'subscriber does not exist');
    return sub;
  }

  create(input: { login: string; name?: string; externalId?: string }): TvSubscriber {
    if (!LOGIN.test(input.login)) throw new SimError('validation', 'login', 'login must be 1-64 letters, digits or . _ @ -', 'login');
    if (this.byLogin(input.login)) throw new SimError('conflict', 'subscriber', `a subscriber with login "${input.login}" already exists`, 'login');
    const sub = this.newSubscriber(input.login, input.name, input.externalId);
    this.event('subscriber.created', sub);
    return sub;
  }

  setBasePackage(sub: TvSubscriber, code: string): boolean {
    const p = this.packageOfKind(code, 'base');
    if (sub.basePackage === p.code) return false;
    sub.basePackage = p.code;
    this.event('package.base_set', sub, { package: p.code });
    return true;
  }

  addExtraPackage(sub: TvSubscriber, code: string): boolean {
    const p = this.packageOfKind(code, 'extra');
    if (sub.extraPackages.includes(p.code)) return false;
    sub.extraPackages.push(p.code);
    this.event('package.added', sub, { package: p.code });
    return true;
  }

  removeExtraPackage(sub: TvSubscriber, code: string): boolean {
    const p = this.package(code);
    if (!sub.extraPackages.includes(p.code)) return false;
    sub.extraPackages = sub.extraPackages.filter((c) => c !== p.code);
    this.event('package.removed', sub, { package: p.code });
    return true;
  }

  /** Binds a box, or moves a bound box to another location (ISP-Integrator's "Editar Ponto"). */
  bindDevice(sub: TvSubscriber, casn: string, location?: string): boolean {
    this.assertCasn(casn);
    this.assertDeviceFree(casn, sub);
    const bound = sub.devices.find((d) => d.casn === casn);
    if (bound) {
      if (location === undefined || bound.location === location) return false;
      bound.location = location;
      this.event('device.updated', sub, { casn, location });
      return true;
    }
    sub.devices.push(location === undefined ? { casn } : { casn, location });
    this.event('device.bound', sub, { casn, location });
    return true;
  }

  unbindDevice(sub: TvSubscriber, casn: string): boolean {
    if (!sub.devices.some((d) => d.casn === casn)) return false;
    sub.devices = sub.devices.filter((d) => d.casn !== casn);
    this.event('device.unbound', sub, { casn });
    return true;
  }

  /** Replaces a box in place, keeping its location ("Trocar Ponto"). */
  swapDevice(sub: TvSubscriber, oldCasn: string, newCasn: string): boolean {
    this.assertCasn(newCasn);
    const old = sub.devices.find((d) => d.casn === oldCasn);
    const hasNew = sub.devices.some((d) => d.casn === newCasn);
    if (!old) {
      if (hasNew) return false;
      throw new SimError('not_found', 'device', `set-top box ${oldCasn} is not bound to ${sub.login}`, 'casn');
    }
    if (hasNew) throw new SimError('conflict', 'device', `set-top box ${newCasn} is already bound to ${sub.login}`, 'casn');
    this.assertDeviceFree(newCasn, sub);
    old.casn = newCasn;
    this.event('device.swapped', sub, { from: oldCasn, to: newCasn });
    return true;
  }

  setStatus(sub: TvSubscriber, status: 'active' | 'suspended'): boolean {
    if (sub.status === status) return false;
    sub.status = status;
    this.event(status === 'suspended' ? 'subscriber.suspended' : 'subscriber.resumed', sub);
    return true;
  }

  remove(sub: TvSubscriber): void {
    this.subs = this.subs.filter((s) => s !== sub);
    this.event('subscriber.removed', sub);
  }

  private seedSubscriber(s: z.output<typeof seedSubscriberSchema>): void {
    if (this.byLogin(s.login)) throw new SimError('conflict', 'subscriber', `login "${s.login}" is already taken`);
    const sub = this.newSubscriber(s.login, s.name, s.externalId);
    sub.status = s.status;
    if (s.basePackage !== undefined) sub.basePackage = this.packageOfKind(s.basePackage, 'base').code;
    sub.extraPackages = s.extraPackages.map((code) => this.packageOfKind(code, 'extra').code);
    for (const d of s.devices) this.assertDeviceFree(d.casn, sub);
    sub.devices = s.devices.map((d) => ({ ...d }));
    if (s.pin) sub.pin = s.pin;
  }

  private newSubscriber(login: string, name?: string, externalId?: string): TvSubscriber {
    const sub: TvSubscriber = {
      seq: this.nextSeq++,
      uuid: randomUUID(),
      login,
      status: 'active',
      extraPackages: [],
      devices: [],
      pin: String(randomInt(0, 10_000)).padStart(4, '0'),
      createdAt: new Date().toISOString(),
    };
    if (name !== undefined) sub.name = name;
    if (externalId !== undefined) sub.externalId = externalId;
    this.subs.push(sub);
    return sub;
  }

  private upsertPackage(p: z.output<typeof seedPackageSchema>): void {
    const existing = this.catalog.get(p.code);
    const id = p.id ?? existing?.id ?? this.nextPackageId++;
    this.nextPackageId = Math.max(this.nextPackageId, id + 1);
    this.catalog.set(p.code, { code: p.code, name: p.name, kind: p.kind, id, uuid: uuidFromCode(p.code) });
  }

  private packageOfKind(code: string, kind: PackageKind): TvPackage {
    const p = this.package(code);
    if (p.kind !== kind) throw new SimError('validation', 'package', `package "${code}" is ${p.kind === 'base' ? 'a base' : 'an extra'} package, not ${kind === 'base' ? 'a base' : 'an extra'} one`, 'package');
    return p;
  }

  private assertCasn(casn: string): void {
    if (!CASN.test(casn)) throw new SimError('validation', 'device', 'casn must be 4-32 letters, digits or -', 'casn');
  }

  private assertDeviceFree(casn: string, owner: TvSubscriber): void {
    const other = this.subs.find((s) => s !== owner && s.devices.some((d) => d.casn === casn));
    if (other) throw new SimError('conflict', 'device', `set-top box ${casn} is bound to another subscriber`, 'casn');
  }

  private event(type: TvEventType, sub: TvSubscriber, detail?: TvEvent['detail']): void {
    const e: TvEvent = { seq: this.nextEventSeq++, at: new Date().toISOString(), type, login: sub.login };
    if (detail) e.detail = detail;
    this.log.push(e);
  }
}

function seedError(message: string): Error {
  // statusCode makes the admin server answer 400 instead of 500.
  return Object.assign(new Error(`invalid seed: ${message}`), { statusCode: 400 });
}

/** Stable per code, so a package keeps its UUID across resets and seeds like it would on a real platform. */
function uuidFromCode(code: string): string {
  const h = createHash('sha1').update(`tv-package:${code}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
