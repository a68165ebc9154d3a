import { z } from 'zod';
import { PermanentError } from '../errors';
import type { PlatformAttachment, PlatformView, AccessPlatform } from '../access/port';
import type { Logger } from '../../domain/logger';
import { IntercomClient, parseInput, SYSTEM } from './client';
import { addAddress } from './operations/add-address';
import { checkHealth } from './operations/check-health';
import { createClient } from './operations/create-client';
import { deleteClient } from './operations/delete-client';
import { findClientByLogin } from './operations/find-client-by-login';
import { removeAddress } from './operations/remove-address';
import { setAddressCapabilities } from './operations/set-address-capabilities';
import { AddressInput, addressInputSchema, capabilitySchema, idempotencyKeySchema, Profile } from './schemas';

// Leaves room for the longest derived suffix (":capabilities") within the platform's 255 characters.
const callKeySchema = idempotencyKeySchema.max(240);
const accountSchema = z.object({ login: z.string().min(1), externalId: z.string().min(1) });
const attachSchema = accountSchema.extend({ label: addressInputSchema.shape.label, capabilities: z.array(capabilitySchema), idempotencyKey: callKeySchema });
const setCapabilitiesSchema = accountSchema.extend({
  capabilities: z.array(capabilitySchema),
  idempotencyKey: callKeySchema,
  at: z.object({ profileId: z.string().min(1), attachmentId: z.string().min(1) }).optional(),
});
const detachSchema = accountSchema.extend({ idempotencyKey: callKeySchema });

type PortInput<Method extends 'attach' | 'setCapabilities' | 'detach' | 'read'> = Parameters<AccessPlatform[Method]>[0];

/**
 * The intercom platform as a AccessPlatform. A billing account is an address under the
 * client profile that carries its login; several accounts with one login share the profile.
 * One port call may make several HTTP writes; each gets a key derived from the call's key
 * (`<key>:create`, `<key>:address`, ...) so a retried call replays instead of acting twice.
 */
export class IntercomPlatform implements AccessPlatform {
  readonly kind = 'intercom';

  constructor(
    readonly name: string,
    private readonly client: IntercomClient,
    private readonly logger: Logger,
  ) {}

  /** Link before create: an existing profile for the login gets this account's address; else a profile is created with it. */
  async attach(input: PortInput<'attach'>): Promise<PlatformAttachment> {
    const { login, idempotencyKey, ...address } = parseInput('attach', attachSchema, input);
    const existing = await findClientByLogin(this.client, { login });
    if (existing) return this.link(existing, address, idempotencyKey);
    try {
      const created = await createClient(this.client, { login, address, idempotencyKey: `${idempotencyKey}:create` });
      this.logger.info({ login, externalId: address.externalId, profileId: created.id }, 'intercom profile created');
      return { profileId: created.id, attachmentId: addressOf(created, address.externalId, 'createClient').id, linked: false };
    } catch (err) {
      if (!(err instanceof PermanentError && err.reason === 'conflict')) throw err;
      // Another account with this login created the profile between our lookup and our create.
      const raced = await findClientByLogin(this.client, { login });
      if (!raced) throw err;
      return this.link(raced, address, idempotencyKey);
    }
  }

  async setCapabilities(input: PortInput<'setCapabilities'>): Promise<PlatformView> {
    const { login, externalId, capabilities, idempotencyKey, at } = parseInput('setCapabilities', setCapabilitiesSchema, input);
    const key = `${idempotencyKey}:capabilities`;
    if (at) {
      // Where the caller's read just found the account: write there; gone meanwhile → look it up.
      const written = await setAddressCapabilities(this.client, { clientId: at.profileId, addressId: at.attachmentId, capabilities, idempotencyKey: key }).catch((err: unknown) => {
        if (err instanceof PermanentError && err.reason === 'not_found') return undefined;
        throw err;
      });
      if (written && written.externalId === externalId) return { attached: true, profileId: at.profileId, attachmentId: written.id, capabilities: written.capabilities };
    }
    const profile = await findClientByLogin(this.client, { login });
    const address = profile?.addresses.find((a) => a.externalId === externalId);
    if (!profile || !address) {
      throw new PermanentError(SYSTEM, 'setCapabilities', 'not_found', `account "${externalId}" is not attached to a profile with login "${login}"`);
    }
    if (sameSet(address.capabilities, capabilities)) return { attached: true, profileId: profile.id, attachmentId: address.id, capabilities: address.capabilities };
    const written = await setAddressCapabilities(this.client, { clientId: profile.id, addressId: address.id, capabilities, idempotencyKey: key });
    return { attached: true, profileId: profile.id, attachmentId: written.id, capabilities: written.capabilities };
  }

  /**
   * Removes the account's address, then the profile once it has none. An empty profile left
   * by an earlier attempt that failed between the two writes is removed too; a 409 means
   * another account attached meanwhile, so the profile stays.
   */
  async detach(input: PortInput<'detach'>): Promise<{ profileRemoved: boolean }> {
    const { login, externalId, idempotencyKey } = parseInput('detach', detachSchema, input);
    const profile = await findClientByLogin(this.client, { login });
    if (!profile) return { profileRemoved: false };
    const address = profile.addresses.find((a) => a.externalId === externalId);
    if (address) {
      await ignoring('not_found', removeAddress(this.client, { clientId: profile.id, addressId: address.id, idempotencyKey: `${idempotencyKey}:address` }));
    }
    if (profile.addresses.some((a) => a !== address)) return { profileRemoved: false };
    const outcome = await ignoring(['not_found', 'conflict'], deleteClient(this.client, { clientId: profile.id, idempotencyKey: `${idempotencyKey}:client` }));
    const profileRemoved = outcome !== 'conflict';
    this.logger.info({ login, externalId, profileId: profile.id, profileRemoved }, 'intercom account detached');
    return { profileRemoved };
  }

  async read(input: PortInput<'read'>): Promise<PlatformView> {
    const { login, externalId } = parseInput('read', accountSchema, input);
    const profile = await findClientByLogin(this.client, { login });
    const address = profile?.addresses.find((a) => a.externalId === externalId);
    if (!profile || !address) return { attached: false, profileId: profile?.id, capabilities: [] };
    return { attached: true, profileId: profile.id, attachmentId: address.id, capabilities: address.capabilities };
  }

  health(): Promise<void> {
    return checkHealth(this.client);
  }

  /** Attaches to a profile that exists; an address already there only has its capabilities brought in line. */
  private async link(profile: Profile, address: AddressInput, idempotencyKey: string): Promise<PlatformAttachment> {
    const current = profile.addresses.find((a) => a.externalId === address.externalId);
    if (current) {
      if (!sameSet(current.capabilities, address.capabilities)) {
        await setAddressCapabilities(this.client, { clientId: profile.id, addressId: current.id, capabilities: address.capabilities, idempotencyKey: `${idempotencyKey}:capabilities` });
      }
      return { profileId: profile.id, attachmentId: current.id, linked: true };
    }
    const added = await addAddress(this.client, { clientId: profile.id, address, idempotencyKey: `${idempotencyKey}:address` });
    this.logger.info({ login: profile.login, externalId: address.externalId, profileId: profile.id }, 'intercom profile linked');
    return { profileId: profile.id, attachmentId: added.id, linked: true };
  }
}

function addressOf(profile: Profile, externalId: string, operation: string) {
  const address = profile.addresses.find((a) => a.externalId === externalId);
  if (!address) throw new PermanentError(SYSTEM, operation, 'rejected', `unexpected response: profile "${profile.id}" lacks address "${externalId}"`);
  return address;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === new Set(b).size && new Set([...a, ...b]).size === a.length;
}

/** Awaits a write whose listed permanent failures mean "already in the state we want"; returns which one happened. */
async function ignoring(reasons: PermanentError['reason'] | PermanentError['reason'][], write: Promise<void>): Promise<PermanentError['reason'] | 'done'> {
  try {
    await write;
    return 'done';
  } catch (err) {
    if (err instanceof PermanentError && ([] as string[]).concat(reasons).includes(err.reason)) return err.reason;
    throw err;
  }
}
