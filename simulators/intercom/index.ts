import http from 'node:http';
import Fastify from 'fastify';
import { installFastifyFaults } from '../kit/fastify-faults';
import { FaultController } from '../kit/faults';
import { ServiceListener } from '../kit/listener';
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
  // Our own server so ServiceListener can close and reopen the socket for the 'down' fault.
  const app = Fastify({ logger: false, serverFactory: (handler) => http.createServer(handler) });
  installFastifyFaults(app, faults);
  registerRoutes(app, { directory, idempotency, token });
  const listener = new ServiceListener(app.server);
  listener.bindFaults(faults);

  return {
    name: 'intercom',
    faults,
    token,
    get url() {
      return listener.url;
    },
    async start(port = 0) {
      await app.ready();
      await listener.listen(port);
      return listener.url;
    },
    async stop() {
      await listener.close();
      await app.close();
    },
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
