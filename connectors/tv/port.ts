import { Connector, definePort } from '../ports';

/**
 * The TV platform port. One connector per platform (Multi TV Beenius, CDN TV, ION, NEO TV, MCR,
 * Deezer, Maxi TV) implements it; workflows and activities only ever see this interface.
 * A subscriber is addressed by its RADIUS login, which ISP-Integrator requires on every TV plan.
 * Every call is idempotent: asking for the state the platform is already in succeeds.
 */
export interface TvDevice {
  /** The set-top box's CASN. */
  casn: string;
  /** Where the point is ("Sala", "Quarto"). */
  location?: string;
}

export interface TvSubscriberState {
  /** The platform's own id of the subscriber, as a string. */
  subscriberId: string;
  login: string;
  status: 'active' | 'suspended';
  basePackage?: string;
  extraPackages: string[];
  devices: TvDevice[];
  /** Platforms that issue one, e.g. the Beenius auth PIN. */
  pin?: string;
}

/**
 * `subscriberId`, on a write: the platform's id of the subscriber as a read moments ago found it
 * (TvSubscriberState.subscriberId). The write then addresses the subscriber without looking the
 * login up again; when that id is gone (removed, or created again under another id) it looks up.
 */
export interface TvAddress {
  login: string;
  subscriberId?: string;
}

/**
 * What a write answers: the subscriber as the platform's answer to the write showed it (the
 * platform's confirmation of the state it left), or undefined when the answer carries none; then
 * read() tells.
 */
export type TvWritten = Promise<TvSubscriberState | undefined>;

export interface TvPlatform extends Connector {
  /** Deezer (music) has no set-top points. */
  readonly supportsDevices: boolean;
  /**
   * Link by RADIUS login if the platform has the subscriber, else create. `absent`: a read moments
   * ago found no subscriber with this login, so create without looking it up first (a "login
   * taken" answer still links). `state` is the subscriber as the create or the look-up answered it.
   */
  ensureSubscriber(i: { login: string; name?: string; externalId: string; idempotencyKey: string; absent?: boolean }): Promise<{ subscriberId: string; linked: boolean; pin?: string; state: TvSubscriberState }>;
  setBasePackage(i: TvAddress & { packageCode: string; idempotencyKey: string }): TvWritten;
  addExtraPackage(i: TvAddress & { packageCode: string; idempotencyKey: string }): TvWritten;
  removeExtraPackage(i: TvAddress & { packageCode: string; idempotencyKey: string }): TvWritten;
  bindDevice(i: TvAddress & { casn: string; location?: string; idempotencyKey: string }): TvWritten;
  unbindDevice(i: TvAddress & { casn: string; idempotencyKey: string }): TvWritten;
  swapDevice(i: TvAddress & { oldCasn: string; newCasn: string; idempotencyKey: string }): TvWritten;
  suspend(i: TvAddress & { idempotencyKey: string }): TvWritten;
  resume(i: TvAddress & { idempotencyKey: string }): TvWritten;
  /** Missing subscriber → success. */
  remove(i: TvAddress & { idempotencyKey: string }): Promise<void>;
  read(i: { login: string }): Promise<TvSubscriberState | null>;
  /** Platform data billing keeps a copy of (Beenius: subscriber id and auth PIN in the plan's extra fields). */
  billingFields?(state: TvSubscriberState): Record<string, string>;
}

export const tvPort = definePort<TvPlatform>('tv', 'TV platform');
