import { createFastifyFront } from '../kit/fastify-faults';
import { FaultController } from '../kit/faults';
import { runStandalone, Simulator } from '../kit/simulator';
import { CredentialStore } from './credentials';
import { ResellPlatform } from './model';
import { registerRoutes } from './routes';
import { applySeed, VIDEO_RESELL_PERMISSIONS, VideoResellSeed } from './seed';

export { VIDEO_RESELL_PERMISSIONS, videoResellSeedSchema } from './seed';
export type { VideoResellSeed } from './seed';
export type { Account, Customer, PlatformEvent, Room, Subscription, User } from './model';

/** The simulator's own API credential, present after start and every reset. Development values, not real credentials. */
export const DEFAULT_VIDEO_RESELL_CREDENTIAL = { clientId: 'subsync', clientSecret: 'video-resell-sim-secret' } as const;

/** Service packages present after start and every reset: plans map to these. */
export const DEFAULT_VIDEO_RESELL_PACKAGES = [
  { id: 'meet-basic', name: 'Meet Basic', service_type: 'meet', price: 9.9, currency: 'EUR', features: { max_rooms: 3 } },
  { id: 'meet-pro', name: 'Meet Pro', service_type: 'meet', price: 29.9, currency: 'EUR', features: { max_rooms: 10 } },
] as const;

export interface VideoResellSimulatorOptions {
  /** Clock for token and credential expiry and timestamps (tests move it). */
  now?: () => number;
  /** Lifetime of an access token (default 3600 s; never longer than its credential). */
  tokenTtlSeconds?: number;
  /** How long a rotated credential's previous secret keeps working (default 3600 s). */
  rotationGraceSeconds?: number;
  /** Base of room URLs (default: the simulator's own URL). */
  publicUrl?: string;
}

export interface VideoResellSimulator extends Simulator {
  readonly platform: ResellPlatform;
  readonly credentials: CredentialStore;
  /** What an administrator does on the API Credentials page: returns the client id and the (only time shown) secret. */
  createCredential(input: { name: string; description?: string; permissions: readonly string[]; expiresAt: Date | string | number }): { clientId: string; clientSecret: string };
  state(): ReturnType<typeof snapshot>;
}

/**
 * A simulated multi-tenant video resell platform (StreamWise-like, BigBlueButton behind it):
 * customers, subscriptions to service packages, accounts with one owner, users with
 * per-association permissions, rooms; OAuth2 bearer tokens for API credentials that carry
 * permissions and expire; fault injection over the shared kit.
 */
export function createVideoResellSimulator(options: VideoResellSimulatorOptions = {}): VideoResellSimulator {
  const now = options.now ?? Date.now;
  const faults = new FaultController();
  const credentials = new CredentialStore(now, options.tokenTtlSeconds ?? 3600, options.rotationGraceSeconds ?? 3600);
  const front = createFastifyFront(faults);
  const platform = new ResellPlatform(now, options.publicUrl ?? '');
  const initialise = () => {
    platform.reset();
    credentials.reset();
    const defaults: VideoResellSeed = {
      packages: DEFAULT_VIDEO_RESELL_PACKAGES.map((p) => ({ ...p, features: { ...p.features } })),
      credentials: [
        {
          id: DEFAULT_VIDEO_RESELL_CREDENTIAL.clientId,
          secret: DEFAULT_VIDEO_RESELL_CREDENTIAL.clientSecret,
          name: 'subsync',
          description: 'subsync provisioning',
          permissions: [...VIDEO_RESELL_PERMISSIONS],
          expires_at: now() + 365 * 86_400_000,
        },
      ],
    };
    applySeed(platform, credentials, defaults);
  };
  initialise();
  registerRoutes(front.app, { platform, credentials });

  return {
    name: 'video-resell',
    faults,
    platform,
    credentials,
    get url() {
      return front.listener.url;
    },
    async start(port = 0) {
      const url = await front.start(port);
      if (options.publicUrl === undefined) (platform as { publicUrl: string }).publicUrl = url;
      return url;
    },
    stop: () => front.stop(),
    state: () => snapshot(platform, credentials),
    reset: initialise,
    seed: (data) => applySeed(platform, credentials, data),
    createCredential(input) {
      const expiresAt = input.expiresAt instanceof Date ? input.expiresAt.getTime() : typeof input.expiresAt === 'string' ? Date.parse(input.expiresAt) : input.expiresAt;
      const unknown = input.permissions.filter((p) => !(VIDEO_RESELL_PERMISSIONS as readonly string[]).includes(p));
      if (unknown.length > 0) throw new Error(`unknown permission(s): ${unknown.join(', ')}`);
      const credential = credentials.create({ name: input.name, description: input.description, permissions: [...input.permissions], expiresAt });
      return { clientId: credential.id, clientSecret: credential.secret };
    },
  };
}

/** State for tests and operators; secrets are left out. */
function snapshot(platform: ResellPlatform, credentials: CredentialStore) {
  return {
    customers: [...platform.customers.values()].map((c) => structuredClone(c)),
    users: [...platform.users.values()].map((u) => structuredClone(u)),
    subscriptions: [...platform.subscriptions.values()].map((s) => structuredClone(s)),
    accounts: [...platform.accounts.values()].map((a) => structuredClone(a)),
    rooms: [...platform.rooms.values()].map((r) => structuredClone(r)),
    credentials: [...credentials.credentials.values()].map((c) => ({ id: c.id, name: c.name, permissions: [...c.permissions], expiresAt: new Date(c.expiresAt).toISOString(), rotated: c.previousSecret !== undefined })),
    grants: { ...credentials.grants },
    events: platform.events.map((e) => ({ ...e })),
  };
}

if (require.main === module) {
  const sim = createVideoResellSimulator();
  runStandalone(sim, { env: 'VIDEO_RESELL_SIM', describe: (url, admin) => `video-resell simulator: ${url} (token: POST ${url}/oauth/token, API under /api/v1; admin: ${admin})` });
}
