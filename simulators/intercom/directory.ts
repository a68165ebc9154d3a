import type { z } from 'zod';
import { AddressInput, CAPABILITIES, Capability, fieldPath, seedSchema } from './schemas';

/**
 * The simulated platform's data and rules: client profiles keyed by login, their addresses
 * (one per apartment / billing account) and an append-only log of every change. Routes stay
 * thin; everything a real platform would refuse is refused here with an ApiError.
 */

export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly field?: string) {
    super(message);
  }

  toBody(): { error: string; message: string; field?: string } {
    return { error: this.code, message: this.message, ...(this.field === undefined ? {} : { field: this.field }) };
  }
}

/** Parses client input; the first issue becomes a 400 naming its field ("login", "addresses[0].capabilities[1]"). */
export function parseInput<S extends z.ZodType>(schema: S, data: unknown, fieldPrefix = ''): z.infer<S> {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = fieldPrefix + fieldPath(issue.path) || 'body';
  throw new ApiError(400, 'validation_failed', `${field}: ${issue.message}`, field);
}

export interface Address {
  id: string;
  /** The billing account key ("lanbilling:42"); unique within its profile. */
  externalId: string;
  label?: string;
  capabilities: Capability[];
  createdAt: string;
}

export interface Profile {
  id: string;
  login: string;
  name?: string;
  createdAt: string;
  addresses: Address[];
}

export type EventType = 'client.created' | 'client.linked' | 'address.added' | 'capabilities.changed' | 'address.removed' | 'client.removed';

export interface PlatformEvent {
  /** Also the cursor: GET /events?after=<id> returns the events after it. */
  id: string;
  type: EventType;
  at: string;
  clientId: string;
  login: string;
  addressId?: string;
  externalId?: string;
  capabilities?: Capability[];
  previousCapabilities?: Capability[];
}

type NewProfile = { login: string; name?: string; addresses: AddressInput[] };

export class Directory {
  private profiles = new Map<string, Profile>();
  private idByLogin = new Map<string, string>();
  private events: PlatformEvent[] = [];
  private nextClient = 1;
  private nextAddress = 1;
  private nextEvent = 1;

  findByLogin(login: string): Profile | undefined {
    const id = this.idByLogin.get(login);
    return id === undefined ? undefined : this.profiles.get(id);
  }

  get(clientId: string): Profile {
    const profile = this.profiles.get(clientId);
    if (!profile) throw new ApiError(404, 'client_not_found', `no client with id "${clientId}"`);
    return profile;
  }

  createClient(input: NewProfile, options: { logEvents: boolean } = { logEvents: true }): Profile {
    this.checkNew(input);
    const profile: Profile = { id: `cl_${this.nextClient++}`, login: input.login, name: input.name, createdAt: now(), addresses: [] };
    this.profiles.set(profile.id, profile);
    this.idByLogin.set(profile.login, profile.id);
    if (options.logEvents) this.log('client.created', profile);
    for (const a of input.addresses) this.attachAddress(profile, a, options.logEvents);
    return profile;
  }

  /** Adds an address to a profile that already existed: the billing account is linked to it. */
  addAddress(clientId: string, input: AddressInput): Address {
    const profile = this.get(clientId);
    if (profile.addresses.some((a) => a.externalId === input.externalId)) {
      throw new ApiError(409, 'address_exists', `client "${clientId}" already has an address with externalId "${input.externalId}"`, 'externalId');
    }
    this.log('client.linked', profile, { externalId: input.externalId });
    return this.attachAddress(profile, input, true);
  }

  setCapabilities(clientId: string, addressId: string, capabilities: Capability[]): Address {
    const profile = this.get(clientId);
    const address = this.address(profile, addressId);
    const next = canonical(capabilities);
    if (next.join() === address.capabilities.join()) return address;
    const previous = address.capabilities;
    address.capabilities = next;
    this.log('capabilities.changed', profile, { addressId, externalId: address.externalId, capabilities: next, previousCapabilities: previous });
    return address;
  }

  removeAddress(clientId: string, addressId: string): void {
    const profile = this.get(clientId);
    const address = this.address(profile, addressId);
    profile.addresses = profile.addresses.filter((a) => a !== address);
    this.log('address.removed', profile, { addressId, externalId: address.externalId });
  }

  /** A profile with addresses cannot go: residents would silently lose their doors. */
  deleteClient(clientId: string): void {
    const profile = this.get(clientId);
    if (profile.addresses.length > 0) {
      throw new ApiError(409, 'client_has_addresses', `client "${clientId}" still has ${profile.addresses.length} address(es); remove them first`);
    }
    this.profiles.delete(clientId);
    this.idByLogin.delete(profile.login);
    this.log('client.removed', profile);
  }

  eventsAfter(after: string | undefined, limit: number): { events: PlatformEvent[]; nextCursor: string | null } {
    const afterSeq = after === undefined ? 0 : Number(after);
    const events = this.events.filter((e) => Number(e.id) > afterSeq).slice(0, limit);
    const last = events.at(-1)?.id ?? after ?? null;
    return { events: structuredClone(events), nextCursor: last };
  }

  /**
   * Seeded profiles are the platform's pre-existing data: they are added without events.
   * The whole seed is checked first so a bad one changes nothing.
   */
  seed(data: unknown): void {
    const seed = seedSchema.safeParse(data);
    const seedError = (message: string) => Object.assign(new Error(`seed: ${message}`), { statusCode: 400 });
    if (!seed.success) {
      const issue = seed.error.issues[0];
      throw seedError(`${fieldPath(issue.path) || 'body'}: ${issue.message}`);
    }
    const logins = seed.data.profiles.map((p) => p.login);
    seed.data.profiles.forEach((p, i) => {
      if (logins.indexOf(p.login) !== i) throw seedError(`profiles[${i}].login: "${p.login}" appears twice`);
      try {
        this.checkNew(p);
      } catch (err) {
        throw err instanceof ApiError ? seedError(`profiles[${i}]: ${err.message}`) : err;
      }
    });
    for (const p of seed.data.profiles) this.createClient(p, { logEvents: false });
  }

  reset(): void {
    this.profiles.clear();
    this.idByLogin.clear();
    this.events = [];
    this.nextClient = this.nextAddress = this.nextEvent = 1;
  }

  snapshot(): { profiles: Profile[]; events: PlatformEvent[] } {
    return structuredClone({ profiles: [...this.profiles.values()], events: this.events });
  }

  private checkNew(input: NewProfile): void {
    if (this.idByLogin.has(input.login)) throw new ApiError(409, 'login_taken', `a client with login "${input.login}" already exists`, 'login');
    input.addresses.forEach((a, i) => {
      if (input.addresses.findIndex((b) => b.externalId === a.externalId) !== i) {
        throw new ApiError(400, 'validation_failed', `addresses[${i}].externalId: "${a.externalId}" appears twice`, `addresses[${i}].externalId`);
      }
    });
  }

  private address(profile: Profile, addressId: string): Address {
    const address = profile.addresses.find((a) => a.id === addressId);
    if (!address) throw new ApiError(404, 'address_not_found', `client "${profile.id}" has no address with id "${addressId}"`);
    return address;
  }

  private attachAddress(profile: Profile, input: AddressInput, logEvent: boolean): Address {
    const address: Address = {
      id: `ad_${this.nextAddress++}`,
      externalId: input.externalId,
      label: input.label,
      capabilities: canonical(input.capabilities),
      createdAt: now(),
    };
    profile.addresses.push(address);
    if (logEvent) this.log('address.added', profile, { addressId: address.id, externalId: address.externalId, capabilities: address.capabilities });
    return address;
  }

  private log(type: EventType, profile: Profile, details: Partial<PlatformEvent> = {}): void {
    this.events.push({ id: String(this.nextEvent++), type, at: now(), clientId: profile.id, login: profile.login, ...details });
  }
}

/** Capabilities are a set: stored once each, in a fixed order, so equal sets compare equal. */
function canonical(capabilities: readonly Capability[]): Capability[] {
  return CAPABILITIES.filter((c) => capabilities.includes(c));
}

const now = () => new Date().toISOString();
