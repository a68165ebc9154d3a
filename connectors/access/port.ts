import type { Connector } from '../ports';
import { definePort } from '../ports';

/**
 * The port of the "access" service kind: a platform that grants capabilities (door key,
 * handset call, ...) to a billing account under a profile found by login (the intercom).
 */

/** Where one billing account sits on a platform. */
export interface PlatformAttachment {
  profileId: string;
  /** The platform's id of this account's address/subscription under the profile. */
  attachmentId: string;
  /** True when the profile already existed and was linked rather than created. */
  linked: boolean;
}

export interface PlatformView {
  attached: boolean;
  profileId?: string;
  attachmentId?: string;
  capabilities: string[];
}

/**
 * A platform that delivers a service to an account identified by (login, externalId).
 * externalId is the subscriber key ("lanbilling:42"). Every call is idempotent.
 */
export interface AccessPlatform extends Connector {
  /** Link before create: find the profile by login, else create it; then attach this account. */
  attach(input: { login: string; externalId: string; label?: string; capabilities: string[]; idempotencyKey: string }): Promise<PlatformAttachment>;
  /**
   * Sets the account's capabilities and answers what the platform confirmed. `at` is where a read
   * just found the account: the platform may write there without looking it up again.
   */
  setCapabilities(input: { login: string; externalId: string; capabilities: string[]; idempotencyKey: string; at?: { profileId: string; attachmentId: string } }): Promise<PlatformView>;
  /** Detaches the account; removes the profile when it was its last attachment. Missing is fine. */
  detach(input: { login: string; externalId: string; idempotencyKey: string }): Promise<{ profileRemoved: boolean }>;
  read(input: { login: string; externalId: string }): Promise<PlatformView>;
}

export const accessPort = definePort<AccessPlatform>('access', 'access platform');
