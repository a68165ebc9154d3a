import { XmlRpcServer } from '@foxglove/xmlrpc';
import { FaultController } from '../kit/faults';
import { serveFront } from '../kit/http-front';
import { runStandalone, Simulator } from '../kit/simulator';
import { registerAspMethods, registerSessionMethods } from './methods';
import { FastViewerPlatform, Profile, ProfileSettings } from './platform';
import { applySeed, generateUsage, GeneratedUsage, GenerateUsageOptions } from './seed';
import { createRequestHandler, MountedHttpServer } from './transport';

export { FAULT as FASTVIEWER_FAULT } from './fault-codes';
export type { License, Profile, ProfileSettings, Session } from './platform';
export { fastViewerSeedSchema } from './seed';
export type { FastViewerSeed, GeneratedUsage, GenerateUsageOptions } from './seed';

/** The simulator's own reseller and parent license, used when none is configured. Not real credentials. */
export const DEFAULT_FASTVIEWER_RESELLER = { user: 'subsync', key: 'fastviewer-sim-key', parentLicense: '100001' } as const;

export interface FastViewerSimulatorOptions {
  /** Resellers and their parent licenses present after start and after every reset (default: DEFAULT_FASTVIEWER_RESELLER with one parent). */
  resellers?: { user: string; key: string; parents: { licenseNumber: string; name: string; lines?: number }[] }[];
  /** Clock for trial expiry and session times (tests move it). */
  now?: () => number;
}

export interface FastViewerSimulator extends Simulator {
  readonly platform: FastViewerPlatform;
  /** URL of the ASP interface (licenses, profiles, usage). */
  readonly aspUrl: string;
  /** URL of the XML-RPC session interface. */
  readonly sessionUrl: string;
  /** What the parent's holder does in the FastViewer portal: define or change a profile. */
  saveProfile(input: { id?: string; parentLicense: string; name: string } & Partial<ProfileSettings>): Profile;
  /** Creates licenses with a month of finished sessions, for billing tests and the benchmark. */
  generateUsage(options: GenerateUsageOptions): GeneratedUsage;
  state(): ReturnType<typeof snapshot>;
}

/**
 * A simulated FastViewer ASP back end: the ASP interface (licenses under parent licenses,
 * profiles, lines, trials, usage) and the XML-RPC session interface (booking, start against
 * the license's lines, runtime info, recording, cancel, end), both XML-RPC over HTTP served by
 * @foxglove/xmlrpc, with fault injection and an injectable clock.
 */
export function createFastViewerSimulator(options: FastViewerSimulatorOptions = {}): FastViewerSimulator {
  const platform = new FastViewerPlatform(options.now ?? Date.now);
  const faults = new FaultController();
  const resellers = options.resellers ?? [
    { user: DEFAULT_FASTVIEWER_RESELLER.user, key: DEFAULT_FASTVIEWER_RESELLER.key, parents: [{ licenseNumber: DEFAULT_FASTVIEWER_RESELLER.parentLicense, name: 'Reseller parent license' }] },
  ];
  const initialise = () => {
    platform.reset();
    applySeed(platform, { resellers });
  };
  initialise();

  const asp = new XmlRpcServer(new MountedHttpServer());
  registerAspMethods(asp, platform);
  const sessions = new XmlRpcServer(new MountedHttpServer());
  registerSessionMethods(sessions, platform);
  const listener = serveFront(
    createRequestHandler({
      faults,
      endpoints: [
        { path: '/asp', server: asp },
        { path: '/xmlrpc', server: sessions },
      ],
      authenticate: (user, key) => platform.authenticate(user, key),
    }),
    faults,
  );

  return {
    name: 'fastviewer',
    faults,
    platform,
    get url() {
      return listener.url;
    },
    get aspUrl() {
      return `${listener.url}/asp`;
    },
    get sessionUrl() {
      return `${listener.url}/xmlrpc`;
    },
    async start(port = 0) {
      await listener.listen(port);
      return listener.url;
    },
    async stop() {
      await listener.close();
    },
    state: () => snapshot(platform),
    reset: initialise,
    seed: (data) => void applySeed(platform, data),
    saveProfile: (input) => platform.saveProfile(input),
    generateUsage: (input) => generateUsage(platform, input),
  };
}

function snapshot(platform: FastViewerPlatform) {
  return {
    resellers: [...platform.resellers.values()].map((r) => ({ user: r.user, parentLicenses: [...r.parentLicenses] })),
    profiles: [...platform.profiles.values()].map((p) => structuredClone(p)),
    licenses: [...platform.licenses.values()].map((l) => ({ ...l, status: platform.status(l), runningSessions: platform.runningSessions(l.licenseNumber) })),
    sessions: [...platform.sessions.values()].map((s) => ({ ...s })),
    usageSessions: platform.usage.size,
  };
}

if (require.main === module) {
  const sim = createFastViewerSimulator();
  runStandalone(sim, { env: 'FASTVIEWER_SIM', describe: (_url, admin) => `fastviewer simulator: ASP ${sim.aspUrl}, sessions ${sim.sessionUrl} (admin: ${admin})` });
}
