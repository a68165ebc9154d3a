/**
 * Billing as subsync sees it: the source of truth every service kind plans from. Billing
 * connectors map their vendor's data onto these types; nothing here knows a vendor.
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
  /**
   * Billing's code for what exactly is sold, for kinds that deliver different things per plan
   * (license items): LANBilling the periodic service's tariff (`tarid`), ISP-Integrator the
   * contracted plan's plan id.
   */
  plan?: string;
  /** Billing keeps the service but suspends it (ISP-Integrator: the contracted plan is suspended). */
  suspended?: boolean;
  /**
   * Billing's extra fields where platform data for this service is written back
   * (`BillingSystem.setServiceFields`): LANBilling the vgroup's addons, ISP-Integrator the
   * contracted plan's extra fields ("Campo Extra").
   */
  fields?: Record<string, string>;
}

/** Who holds a billing account, as billing records them: what a platform needs to open a customer. */
export interface AccountHolder {
  name: string;
  email?: string;
  type: 'person' | 'organisation';
}

export type ChargeResult =
  | { status: 'charged'; chargeId: string; balance?: number }
  | { status: 'insufficient_funds'; balance: number };
