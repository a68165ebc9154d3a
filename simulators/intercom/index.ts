import { createFastifyFront } from '../kit/fastify-faults';
import { FaultController } from '../kit/faults';
import { runStandalone, Simulator } from '../kit/simulator';
import { Directory, PlatformEvent, Profile } from './directory';
import { IdempotencyStore } from './idempotency';
import { registerRoutes } from './routes';

export type { Address, PlatformEvent, Profile } from './directory';
export type { Seed as IntercomSeed } from './schemas';

/** The simulator's own development token, used when none is configured. Not a real credential. */
export const DEFAULT_INTERCOM_TOKEN = 'intercom-sim-token';

export interface IntercomSimulatorOptions {
  /** Bearer token the API accepts. */
  token?: string;
}

export interface IntercomSimulator extends Simulator {
  readonly token: string;
  state(): { profiles: Profile[]; events: PlatformEvent[] };
}

/**
 * A simulated Intersvyaz-style intercom platform: client profiles with addresses and
 * capabilities over REST/JSON, behind a bearer token, with fault injection.
 */
export function createIntercomSimulator(options: IntercomSimulatorOptions = {}): IntercomSimulator {
  const token = options.token ?? DEFAULT_INTERCOM_TOKEN;
  const faults = new FaultController();
  const directory = new Directory();
  const idempotency = new IdempotencyStore();
  const front = createFastifyFront(faults);
  registerRoutes(front.app, { directory, idempotency, token });

  return {
    name: 'intercom',
    faults,
    token,
    get url() {
      return front.listener.url;
    },
    start: (port) => front.start(port),
    stop: () => front.stop(),
    state: () => directory.snapshot(),
    reset() {
      directory.reset();
      idempotency.clear();
    },
    seed: (data) => directory.seed(data),
  };
}

if (require.main === module) {
  const sim = createIntercomSimulator({ token: process.env.INTERCOM_SIM_TOKEN });
  runStandalone(sim, { env: 'INTERCOM_SIM', describe: (url, admin) => `intercom simulator: ${url} (API under /api/v1; admin: ${admin})` });
}
