import { z } from 'zod';
import { PermanentError } from '../errors';
import type { Logger } from '../../domain/logger';
import type { TvPlatform, TvSubscriberState } from './port';

/** A subscriber as the platform's look-up (or create) answered it. */
export interface RemoteSubscriber<H> {
  /** What the platform's write calls address the subscriber by: its id, or the login itself (MCR). */
  handle: H;
  state: TvSubscriberState;
}

/**
 * What a write answers: the subscriber as the platform's answer to it shows it, where the vendor's
 * answer carries the subscriber; nothing where it does not (a 204, an "already in that state").
 */
export type Written<H> = Promise<RemoteSubscriber<H> | void>;

export interface DeviceOperations<H> {
  /** Binds the box, or updates its location when it is already bound to this subscriber. */
  bind(handle: H, casn: string, location: string | undefined, idempotencyKey: string): Written<H>;
  /** Unbinding a box the subscriber does not have is success. */
  unbind(handle: H, casn: string, idempotencyKey: string): Written<H>;
  /** The platform's own replace call; without one the port binds the new box, then unbinds the old. */
  swap?(handle: H, oldCasn: string, newCasn: string, idempotencyKey: string): Written<H>;
}

/**
 * What one connector implements: its platform's calls, each in its own file under operations/.
 * Everything the seven platforms share (link-before-create, login → handle look-up, "already
 * in that state" is success, input validation) lives once in LoginAddressedTvPlatform.
 */
export interface TvOperations<H> {
  findByLogin(login: string): Promise<RemoteSubscriber<H> | null>;
  /**
   * The handle of the subscriber a read found with this id (TvSubscriberState.subscriberId), so a
   * write right after the read needs no look-up. A write to a handle the platform no longer has
   * must throw PermanentError('not_found').
   */
  handleOf(subscriberId: string, login: string): H;
  /** A platform that already has the login answers PermanentError('conflict'). */
  create(input: { login: string; name?: string; externalId: string; idempotencyKey: string }): Promise<RemoteSubscriber<H>>;
  setBasePackage(handle: H, packageCode: string, idempotencyKey: string): Written<H>;
  addExtraPackage(handle: H, packageCode: string, idempotencyKey: string): Written<H>;
  removeExtraPackage(handle: H, packageCode: string, idempotencyKey: string): Written<H>;
  setStatus(handle: H, status: 'active' | 'suspended', idempotencyKey: string): Written<H>;
  /** Removing a subscriber the platform no longer has may throw PermanentError('not_found'); the port treats it as success. */
  remove(handle: H, idempotencyKey: string): Promise<void>;
  health(): Promise<void>;
  /** Absent for platforms without set-top points (Deezer). */
  devices?: DeviceOperations<H>;
}

const required = (field: string) => z.string({ error: `${field} is required` }).trim().min(1, `${field} is required`);
const key = required('idempotencyKey');
const subscriberId = z.string().trim().min(1, 'subscriberId, when given, must not be empty').optional();
const inputs = {
  ensure: z.object({ login: required('login'), name: z.string().optional(), externalId: required('externalId'), idempotencyKey: key, absent: z.boolean().optional() }),
  login: z.object({ login: required('login') }),
  write: z.object({ login: required('login'), subscriberId, idempotencyKey: key }),
  pkg: z.object({ login: required('login'), subscriberId, packageCode: required('packageCode'), idempotencyKey: key }),
  // Billing sends '' for a point without a location.
  bind: z.object({ login: required('login'), subscriberId, casn: required('casn'), location: z.string().trim().optional().transform((l) => l || undefined), idempotencyKey: key }),
  unbind: z.object({ login: required('login'), subscriberId, casn: required('casn'), idempotencyKey: key }),
  swap: z
    .object({ login: required('login'), subscriberId, oldCasn: required('oldCasn'), newCasn: required('newCasn'), idempotencyKey: key })
    .refine((i) => i.oldCasn !== i.newCasn, { message: 'newCasn must differ from oldCasn', path: ['newCasn'] }),
};

export class LoginAddressedTvPlatform<H> implements TvPlatform {
  readonly supportsDevices: boolean;

  constructor(
    readonly name: string,
    readonly kind: string,
    /** The platform's name as operators know it, used in messages ("Deezer has no set-top points"). */
    private readonly displayName: string,
    private readonly ops: TvOperations<H>,
    private readonly logger?: Logger,
  ) {
    this.supportsDevices = ops.devices !== undefined;
  }

  async ensureSubscriber(input: Parameters<TvPlatform['ensureSubscriber']>[0]) {
    const { absent, ...i } = this.validate('ensureSubscriber', inputs.ensure, input);
    if (!absent) {
      const existing = await this.ops.findByLogin(i.login);
      if (existing) return this.ensured(existing, true);
    }
    try {
      const created = await this.ops.create(i);
      this.logger?.info({ connector: this.name, login: i.login, subscriberId: created.state.subscriberId }, 'tv subscriber created');
      return this.ensured(created, false);
    } catch (err) {
      // Created meanwhile by someone else (or by our own earlier attempt whose answer was lost): link to it.
      if (!(err instanceof PermanentError && err.reason === 'conflict')) throw err;
      const raced = await this.ops.findByLogin(i.login);
      if (!raced) throw err;
      return this.ensured(raced, true);
    }
  }

  async setBasePackage(input: Parameters<TvPlatform['setBasePackage']>[0]) {
    const i = this.validate('setBasePackage', inputs.pkg, input);
    return this.write(i, 'setBasePackage', (handle) => this.ops.setBasePackage(handle, i.packageCode, i.idempotencyKey));
  }

  async addExtraPackage(input: Parameters<TvPlatform['addExtraPackage']>[0]) {
    const i = this.validate('addExtraPackage', inputs.pkg, input);
    return this.write(i, 'addExtraPackage', (handle) => this.ops.addExtraPackage(handle, i.packageCode, i.idempotencyKey));
  }

  async removeExtraPackage(input: Parameters<TvPlatform['removeExtraPackage']>[0]) {
    const i = this.validate('removeExtraPackage', inputs.pkg, input);
    return this.write(i, 'removeExtraPackage', (handle) => this.ops.removeExtraPackage(handle, i.packageCode, i.idempotencyKey));
  }

  async bindDevice(input: Parameters<TvPlatform['bindDevice']>[0]) {
    const devices = this.deviceOps('bindDevice');
    const i = this.validate('bindDevice', inputs.bind, input);
    return this.write(i, 'bindDevice', (handle) => devices.bind(handle, i.casn, i.location, i.idempotencyKey));
  }

  async unbindDevice(input: Parameters<TvPlatform['unbindDevice']>[0]) {
    const devices = this.deviceOps('unbindDevice');
    const i = this.validate('unbindDevice', inputs.unbind, input);
    return this.write(i, 'unbindDevice', (handle) => devices.unbind(handle, i.casn, i.idempotencyKey));
  }

  async swapDevice(input: Parameters<TvPlatform['swapDevice']>[0]) {
    const devices = this.deviceOps('swapDevice');
    const i = this.validate('swapDevice', inputs.swap, input);
    const swap = devices.swap;
    if (swap) return this.write(i, 'swapDevice', (handle) => swap(handle, i.oldCasn, i.newCasn, i.idempotencyKey));
    // Without the platform's own call the old box's location is needed: look the subscriber up.
    const sub = await this.subscriber(i.login, 'swapDevice');
    const old = sub.state.devices.find((d) => d.casn === i.oldCasn);
    if (!old) {
      if (sub.state.devices.some((d) => d.casn === i.newCasn)) return undefined; // swapped already
      throw new PermanentError(this.name, 'swapDevice', 'not_found', `set-top box ${i.oldCasn} is not bound to ${i.login}`);
    }
    // New box first: a retry after a failure in between still finds the old box and its location.
    await devices.bind(sub.handle, i.newCasn, old.location, `${i.idempotencyKey}:bind`);
    return stateOf(await devices.unbind(sub.handle, i.oldCasn, `${i.idempotencyKey}:unbind`));
  }

  async suspend(input: Parameters<TvPlatform['suspend']>[0]) {
    const i = this.validate('suspend', inputs.write, input);
    return this.write(i, 'suspend', (handle) => this.ops.setStatus(handle, 'suspended', i.idempotencyKey));
  }

  async resume(input: Parameters<TvPlatform['resume']>[0]) {
    const i = this.validate('resume', inputs.write, input);
    return this.write(i, 'resume', (handle) => this.ops.setStatus(handle, 'active', i.idempotencyKey));
  }

  async remove(input: Parameters<TvPlatform['remove']>[0]) {
    const i = this.validate('remove', inputs.write, input);
    const removed = async (handle: H) => {
      await this.ops.remove(handle, i.idempotencyKey);
      this.logger?.info({ connector: this.name, login: i.login }, 'tv subscriber removed');
    };
    if (await this.atKnownId(i, removed)) return;
    const sub = await this.ops.findByLogin(i.login);
    if (!sub) return;
    await removed(sub.handle).catch(notFound);
  }

  async read(input: Parameters<TvPlatform['read']>[0]): Promise<TvSubscriberState | null> {
    const i = this.validate('read', inputs.login, input);
    return (await this.ops.findByLogin(i.login))?.state ?? null;
  }

  health(): Promise<void> {
    return this.ops.health();
  }

  private ensured({ state }: RemoteSubscriber<H>, linked: boolean): { subscriberId: string; linked: boolean; pin?: string; state: TvSubscriberState } {
    return state.pin === undefined ? { subscriberId: state.subscriberId, linked, state } : { subscriberId: state.subscriberId, linked, pin: state.pin, state };
  }

  /**
   * One write to the subscriber: at the id a read just found, when the caller has one, else (or
   * when that id is gone) at the handle a look-up by login finds.
   */
  private async write(i: { login: string; subscriberId?: string }, operation: string, call: (handle: H) => Written<H>): Promise<TvSubscriberState | undefined> {
    const done = await this.atKnownId(i, call);
    if (done) return stateOf(done.answer);
    const sub = await this.subscriber(i.login, operation);
    return stateOf(await call(sub.handle));
  }

  /** The call at the id the caller's read found: its answer, or undefined when there is no id or the platform no longer has it. */
  private async atKnownId<T>(i: { login: string; subscriberId?: string }, call: (handle: H) => Promise<T>): Promise<{ answer: T } | undefined> {
    if (i.subscriberId === undefined) return undefined;
    return call(this.ops.handleOf(i.subscriberId, i.login)).then(
      (answer) => ({ answer }),
      (err: unknown) => (notFound(err), undefined),
    );
  }

  private async subscriber(login: string, operation: string): Promise<RemoteSubscriber<H>> {
    const sub = await this.ops.findByLogin(login);
    if (!sub) throw new PermanentError(this.name, operation, 'not_found', `${this.displayName} has no subscriber with login "${login}"`);
    return sub;
  }

  private deviceOps(operation: string): DeviceOperations<H> {
    if (!this.ops.devices) throw new PermanentError(this.name, operation, 'rejected', `${this.displayName} has no set-top points`);
    return this.ops.devices;
  }

  private validate<S extends z.ZodType>(operation: string, schema: S, input: unknown): z.output<S> {
    const parsed = schema.safeParse(input);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    throw new PermanentError(this.name, operation, 'validation', `${issue.path.map(String).join('.') || 'input'}: ${issue.message}`);
  }
}

const stateOf = <H>(answer: RemoteSubscriber<H> | void): TvSubscriberState | undefined => (answer ? answer.state : undefined);

/** A not_found answer is false (the caller looks elsewhere or is done); any other error stays an error. */
function notFound(err: unknown): false {
  if (err instanceof PermanentError && err.reason === 'not_found') return false;
  throw err;
}
