import type { z } from 'zod';
import type { AccountHolder, BillingAccount, BlockReason, ChargeResult } from '../domain/billing';
import type { Logger } from '../domain/logger';
import type { AccountIdRule } from '../domain/events';

/**
 * The ports the service kinds talk to. A connector folder implements one of them for one
 * external system and exports a ConnectorDefinition; connectors/registry.ts lists them once.
 * Adding a platform means adding a connector and a config entry: workflows never change.
 */

/**
 * A port as a value: the connector registry hands out an instance only to a caller that names the
 * port it expects, so nobody casts an `unknown` back to an interface. `T` is the interface.
 */
export interface Port<T> {
  readonly id: string;
  /** How an operator would call such a system ("billing system", "TV platform"). */
  readonly title: string;
  /**
   * Never set: only carries the interface type. A parameter, so a definition whose instance is a
   * subtype (ISP-Integrator's billing with its TV invoicing calls) may still declare billingPort.
   */
  readonly __instance?: (instance: T) => void;
}

/** Any port, whatever its interface (`never`, because the type parameter sits in a parameter position). */
export type AnyPort = Port<never>;

export function definePort<T>(id: string, title: string): Port<T> {
  return { id, title };
}

/** What every connector instance offers, whatever its port. */
export interface Connector {
  readonly name: string;
  readonly kind: string;
  health(): Promise<void>;
  /**
   * Builds now what the first call would otherwise build on its way (a SOAP client's parsed WSDL),
   * calling no operation. Best effort: what fails here is built again by the first call.
   */
  prepare?(): Promise<void>;
}

/** One account as a cheap page read sees it: `digest` changes when what that read shows of the account changes. */
export interface AccountDigest {
  accountId: string;
  digest: string;
}

export interface BillingSystem extends Connector {
  /** The billing field that holds the login platforms know the subscriber by, as billing's users name it. */
  readonly loginField: string;
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
  /**
   * Writes platform data (a license ticket number) back where billing keeps extra fields for one
   * of the account's services (`BillingService.externalId`); `BillingService.fields` reads them.
   * LANBilling: the vgroup's addon fields (shared by the vgroup's services); ISP-Integrator: the
   * contracted plan's extra fields. Fields not named are kept.
   */
  setServiceFields?(accountId: string, externalId: string, fields: Record<string, string>): Promise<void>;
  /** The account's holder (name, e-mail, person or organisation), for platforms that open a customer; read only when one is needed. */
  accountHolder?(accountId: string): Promise<AccountHolder>;
}

export const billingPort = definePort<BillingSystem>('billing', 'billing system');

export interface ConnectorDeps {
  logger: Logger;
}

/**
 * Everything subsync knows about one kind of connector, declared once in its folder and listed
 * once in connectors/registry.ts: config defaults, the simulators, the contract suite and the
 * bench all derive from it.
 */
export interface ConnectorDefinition<Config = unknown, Instance extends Connector = Connector> {
  /** The `kind` of a config block ("beenius"). */
  kind: string;
  /** The platform's name as operators know it ("Multi TV Beenius"). */
  title: string;
  /** The interface the instance implements. */
  port: Port<Instance>;
  /**
   * Further ports the same instance implements: what this system offers beyond its main port
   * (ISP-Integrator's TV invoicing and set-top box import). Type-checked: each port's interface
   * must be one the instance implements.
   */
  alsoImplements?: Port<Instance>[];
  /** Validates this connector's config block (url, credentials, options). */
  configSchema: z.ZodType<Config>;
  /**
   * Builds an instance. The registry imports every definition, so a definition stays light (its
   * folder's `definition.ts`) and `create` loads the protocol client when called (`require`): a
   * process loads only the clients of the connectors its config names.
   */
  create(name: string, config: Config, deps: ConnectorDeps): Instance;
  /** What the platform can do beyond its port's minimum (TV: set-top points). */
  features?: { devices?: boolean };
  /** The simulator flavour that plays this system in tests and the demo; default: the kind. */
  simulator?: string;
  /** Billing connectors: the shape of the system's account ids, checked before an event is accepted. */
  accountId?: AccountIdRule;
}
