import type { z } from 'zod';
import type { BillingAccount, BlockReason, ChargeResult } from '../domain/billing';
import type { Logger } from '../domain/logger';
import type { AccountIdRule } from '../domain/events';

/**
 * The ports the activities talk to. A connector folder implements one of them for one
 * external system and exports a ConnectorDefinition; connectors/registry.ts lists them.
 * Adding a platform means adding a connector and a config entry: workflows never change.
 */

export interface BillingSystem {
  readonly name: string;
  readonly kind: string;
  getAccount(accountId: string): Promise<BillingAccount>;
  /** Every account billing knows, for the watcher. */
  listAccounts(): Promise<BillingAccount[]>;
  /** Charges the agreement once per idempotency key; a repeated key returns the first result. */
  charge(input: { accountId: string; agreementId: string; amount: number; idempotencyKey: string; comment: string }): Promise<ChargeResult>;
  /** Sets or lifts subsync's own block in billing (used for insufficient funds). */
  setBlock(accountId: string, reason: BlockReason | null): Promise<void>;
  /** Writes platform data back onto a subscription (e.g. the Beenius subscriber id and PIN); billing systems without TV omit it. */
  setSubscriptionFields?(accountId: string, subscriptionId: string, fields: Record<string, string>): Promise<void>;
  health(): Promise<void>;
}

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
export interface ServicePlatform {
  readonly name: string;
  readonly kind: string;
  /** Link before create: find the profile by login, else create it; then attach this account. */
  attach(input: { login: string; externalId: string; label?: string; capabilities: string[]; idempotencyKey: string }): Promise<PlatformAttachment>;
  setCapabilities(input: { login: string; externalId: string; capabilities: string[]; idempotencyKey: string }): Promise<void>;
  /** Detaches the account; removes the profile when it was its last attachment. Missing is fine. */
  detach(input: { login: string; externalId: string; idempotencyKey: string }): Promise<{ profileRemoved: boolean }>;
  read(input: { login: string; externalId: string }): Promise<PlatformView>;
  health(): Promise<void>;
}

export interface ConnectorDeps {
  logger: Logger;
}

export interface ConnectorDefinition<Config, Instance> {
  kind: string;
  role: 'billing' | 'platform';
  /** Validates this connector's config block (url, credentials, options). */
  configSchema: z.ZodType<Config>;
  create(name: string, config: Config, deps: ConnectorDeps): Instance;
  /** Billing connectors: the shape of the system's account ids, checked before an event is accepted. */
  accountId?: AccountIdRule;
}
