import type { FastifyError } from 'fastify';
import { createFastifyFront, defaultOperation } from '../kit/fastify-faults';
import { FaultController } from '../kit/faults';
import { Simulator, startAdminServer } from '../kit/simulator';
import { SimError } from './errors';
import type { FlavourContext, TvFlavour } from './flavours/flavour';
import { TvCredentials, tvFlavourFactory, tvFlavourNames } from './flavours';
import { routeConfig } from './http';
import { IdempotencyStore } from './idempotency';
import { TvEvent, TvModel, TvPackage, TvSubscriber } from './model';

export type { TvEvent, TvPackage, TvSeed, TvSubscriber } from './model';
export type { TvCredentials, TvFlavourFactory } from './flavours';
export { registerTvFlavour, tvFlavourNames } from './flavours';

export interface TvSimulatorOptions {
  /** The flavour's name (`tvFlavourNames()`): a module in flavours/ or one registered with registerTvFlavour. */
  flavour: string;
  /** Name on the admin server; defaults to the flavour (run two of one flavour under different names). */
  name?: string;
  /** Overrides the flavour's development credentials (see README). */
  credentials?: Partial<TvCredentials>;
  /** Lifetime of ION access tokens; default 3600. */
  tokenTtlSeconds?: number;
}

export interface TvSimulatorState {
  flavour: string;
  packages: TvPackage[];
  subscribers: TvSubscriber[];
  events: TvEvent[];
  idempotency: { keys: number; replays: number };
}

export interface TvSimulator extends Simulator {
  readonly flavour: string;
  /** The platform's name as operators know it ("Multi TV Beenius"). */
  readonly title: string;
  readonly credentials: TvCredentials;
  /** url + the flavour's API base path. */
  readonly apiUrl: string;
  state(): TvSimulatorState;
}

/**
 * A simulated TV platform speaking one flavour's protocol over a real socket, on the state
 * model all flavours share, with the kit's fault injection and Idempotency-Key replay.
 */
export function createTvSimulator(options: TvSimulatorOptions): TvSimulator {
  const factory = tvFlavourFactory(options.flavour);
  if (!factory) throw new Error(`no TV simulator flavour "${options.flavour}"; have: ${tvFlavourNames().join(', ')}`);
  const flavour: TvFlavour<TvCredentials> = factory();
  const credentials = { ...flavour.defaultCredentials, ...options.credentials } as TvCredentials;
  const model = new TvModel(flavour.defaultCatalog);
  const ctx: FlavourContext<TvCredentials> = { model, credentials, tokenTtlSeconds: options.tokenTtlSeconds ?? 3600 };
  const idempotency = new IdempotencyStore();
  const faults = new FaultController();

  const front = createFastifyFront(faults, { operationOf: flavour.operationOf ?? defaultOperation });
  const { app, listener } = front;

  app.setErrorHandler((err: FastifyError, req, reply) => {
    idempotency.markFailed(req);
    const simError = toSimError(err);
    if (!simError) return reply.code(500).send({ error: 'internal', message: err.message });
    const answer = flavour.renderError(simError);
    return reply.code(answer.status).headers(answer.headers ?? {}).send(answer.body);
  });
  // Clients (axios among them) label even an empty POST body; only a non-empty body needs a type we understand.
  app.addContentTypeParser('*', { parseAs: 'string' }, (req, body, done) => {
    if (body === '') return done(null, undefined);
    done(Object.assign(new Error(`unsupported Content-Type ${req.headers['content-type']}`), { statusCode: 415 }), undefined);
  });
  app.setNotFoundHandler(() => {
    throw new SimError('not_found', 'route', 'no such resource');
  });
  // Credentials before replay: a stored answer is never handed to an unauthenticated caller.
  app.addHook('preHandler', async (req, reply) => {
    if (!routeConfig(req)?.public) flavour.guard(req, ctx);
    if (await idempotency.handle(req, reply)) return reply;
  });
  idempotency.install(app);
  flavour.register(app, ctx);

  const name = options.name ?? options.flavour;

  return {
    name,
    flavour: options.flavour,
    title: flavour.title,
    credentials,
    faults,
    get url() {
      return listener.url;
    },
    get apiUrl() {
      return `${listener.url}${flavour.basePath}`;
    },
    start: (port) => front.start(port),
    stop: () => front.stop(),
    state: () => ({ flavour: options.flavour, ...model.snapshot(), idempotency: idempotency.stats() }),
    reset() {
      model.reset();
      idempotency.clear();
      flavour.reset?.();
    },
    seed: (data) => model.seed(data),
  };
}

function toSimError(err: FastifyError | SimError): SimError | undefined {
  if (err instanceof SimError) return err;
  if (err.statusCode === 415) return new SimError('unsupported_media_type', 'content_type', err.message, 'Content-Type');
  if (err.statusCode === 400 || err.statusCode === 413) return new SimError('validation', 'body', err.message);
  return undefined;
}

/** `tsx simulators/tv/index.ts [flavour|all] [port] [adminPort]`, or TV_SIM_FLAVOUR / TV_SIM_PORT / TV_SIM_ADMIN_PORT. */
if (require.main === module) {
  const which = process.argv[2] ?? process.env.TV_SIM_FLAVOUR ?? 'all';
  const port = Number(process.argv[3] ?? process.env.TV_SIM_PORT ?? 0);
  const adminPort = Number(process.argv[4] ?? process.env.TV_SIM_ADMIN_PORT ?? 0);
  const names = which === 'all' ? tvFlavourNames() : [which];
  if (!names.every((n) => tvFlavourNames().includes(n))) {
    console.error(`unknown flavour "${which}"; use one of: ${tvFlavourNames().join(', ')}, all`);
    process.exit(2);
  }
  void (async () => {
    const sims = names.map((flavour) => createTvSimulator({ flavour }));
    // With "all", flavours take consecutive ports from `port` (or random ones when port is 0).
    for (const [i, sim] of sims.entries()) await sim.start(port === 0 ? 0 : port + i);
    const admin = await startAdminServer(sims, adminPort);
    for (const sim of sims) console.log(`${sim.title.padEnd(18)} ${sim.apiUrl}  (admin: ${admin.url}/simulators/${sim.name})`);
  })();
}
