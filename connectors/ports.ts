import type { z } from 'zod';
import type { Logger } from '../runtime/logger';

/**
 * The ports the activities talk to. A connector folder implements one of them for one
 * external system and exports a ConnectorDefinition; connectors/registry.ts lists them.
 * Adding a platform means adding a connector and a config entry: workflows never change.
 */

/** A billing account ("учётная запись" in LANBilling) as billing sees it: the source of truth. */
export interface BillingAccount {
  billing: string;
  accountId: string;
  /** The contract ("договор") that holds and is charged the money. */
  agreementId: string;
  /** The login that links the account to platform profiles (isvyaz_login, RADIUS login). */
  login?: string;
  /** Human label of the address/apartment, shown on the platform. */
  address?: string;
  status: 'new' | 'active' | 'blocked' | 'disabled';
  blockReason?: BlockReason;
  /** Periodic services on the account, by our service name (e.g. "intercom"). */
  services: BillingService[];
  balance?: number;
  /** Billing's own timestamp of the last change to status/block, used in deterministic event ids. */
  changedAt?: string;
  /** TV subscriptions (one per TV plan), for billing systems that sell TV. */
  tv?: TvSubscription[];
}

/** One TV plan of an account as billing has it, in the TV platform's own package codes. */
export interface TvSubscription {
  /** Billing's id of the subscription (ISP-Integrator: the contracted plan). */
  subscriptionId: string;
  /** Which TV platform delivers it, as billing names it (beenius, cdntv, ion, neotv, mcr, deezer, maxitv). */
  platform: string | null;
  status: 'active' | 'suspended' | 'cancelled';
  /** The login the platform knows the subscriber by (the RADIUS login). */
  login?: string;
  /** The plan's default package ("Pacote liberado no Plano"), as a platform package code. */
  basePackage?: string;
  /** Active extra packages, as platform package codes. */
  extraPackages: string[];
  /** Set-top points: the box's CASN and where it stands. */
  devices: { casn: string; location?: string }[];
  /** Billing's extra fields on the subscription, e.g. the ones subsync writes back. */
  fields: Record<string, string>;
}

export type BlockReason = 'manager' | 'insufficient_funds' | 'user' | 'other';

export interface BillingService {
  service: string;
  externalId: string;
  active: boolean;
}

export type ChargeResult =
  | { status: 'charged'; chargeId: string; balance?: number }
  | { status: 'insufficient_funds'; balance: number };

/** One account as a cheap page read sees it: `digest` changes when what that read shows of the account changes. */
export interface AccountDigest { accountId: string; digest: string }

export interface BillingSystem {
  readonly name: string;
  readonly kind: string;
  getAccount(accountId: string): Promise<BillingAccount>;
  /** Every account billing knows, for the watcher. */
  listAccounts(): Promise<BillingAccount[]>;
  /** One page of a cheap read of every account, for the watcher: enough to see most changes. */
  scanAccounts(input: { cursor?: string; pageSize: number }): Promise<{ accounts: AccountDigest[]; nextCursor?: string; calls: number }>;
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
}
