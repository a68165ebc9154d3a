import Fastify, { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { FaultController } from '../kit/faults';
import { installFastifyFaults } from '../kit/fastify-faults';
import { ServiceListener } from '../kit/listener';
import { Simulator, startAdminServer } from '../kit/simulator';
import { ApiError } from './api-error';
import type { IspIntegratorData } from './data';
import { generateCustomers, GenerateOptions } from './generate';
import { IdempotencyStore, installIdempotency } from './idempotency';
import { loadSeed } from './load-seed';
import { registerRoutes } from './routes';
import { defaultSeed, IspIntegratorSeed } from './seed';
import { runStandardBilling } from './tv-billing';

export interface IspIntegratorSimulatorOptions {
  /** The API token clients must send as `Authorization: Bearer <token>`. */
  token?: string;
  /** Initial data (README "Seed format"); `reset()` returns to it. Defaults to `defaultSeed`. */
  seed?: IspIntegratorSeed;
  host?: string;
  /** How many idempotency keys are remembered before the oldest are forgotten. */
  maxIdempotencyKeys?: number;
}

const generateBody = z.object({
  count: z.number().int().positive().max(1_000_000),
  planId: z.string().optional(),
  extraPackageIds: z.array(z.string()).optional(),
  chargedRatio: z.number().min(0).max(1).optional(),
});

/** A simulated ISP-Integrator (EliteSoft) speaking the REST API described in README.md, on a real socket. */
export class IspIntegratorSimulator implements Simulator {
  readonly name = 'isp-integrator';
  readonly faults = new FaultController();
  readonly token: string;
  private data: IspIntegratorData;
  private readonly initialSeed: IspIntegratorSeed;
  private readonly idempotency: IdempotencyStore;
  private readonly app: FastifyInstance;
  private readonly listener: ServiceListener;

  constructor(options: IspIntegratorSimulatorOptions = {}) {
    this.token = options.token ?? 'isp-integrator-token';
    this.initialSeed = options.seed ?? defaultSeed;
    this.data = loadSeed(this.initialSeed);
    this.idempotency = new IdempotencyStore(options.maxIdempotencyKeys);
    this.app = this.buildApp();
    this.listener = new ServiceListener(this.app.server, options.host);
    this.listener.bindFaults(this.faults);
  }

  get url(): string {
    return this.listener.url;
  }

  async start(port = 0): Promise<string> {
    await this.app.ready();
    await this.listener.listen(port);
    return this.url;
  }

  async stop(): Promise<void> {
    await this.faults.clear();
    await this.listener.close();
    await this.app.close();
  }

  state() {
    return this.data.snapshot();
  }

  reset(): void {
    this.data = loadSeed(this.initialSeed);
    this.idempotency.clear();
  }

  seed(data: unknown): void {
    this.data = loadSeed(data);
    this.idempotency.clear();
  }

  /** Adds `count` customers with a TV plan (and by default one charged extra each), for benchmarks. */
  generate(count: number, options?: GenerateOptions) {
    return generateCustomers(this.data, count, options);
  }

  /** "Faturamento Padrão" run by the ISP's staff, same as `POST /billing/standard-runs`. */
  runStandardBilling(upTo: string) {
    return runStandardBilling(this.data, upTo);
  }

  private buildApp(): FastifyInstance {
    const app = Fastify({ logger: false });
    installFastifyFaults(app, this.faults);
    app.addHook('onRequest', async (req, reply) => {
      if (req.url.startsWith('/_admin')) return;
      if (req.headers.authorization !== `Bearer ${this.token}`) {
        return reply.code(401).send({ error: 'unauthorized', message: 'Authorization: a valid Bearer API token is required', field: 'Authorization' });
      }
    });
    installIdempotency(app, this.idempotency);
    registerRoutes(app, () => this.data);
    app.post('/_admin/generate', async (req) => {
      const body = generateBody.safeParse(req.body);
      if (!body.success) throw new ApiError(400, 'validation_error', body.error.issues[0].message, body.error.issues[0].path.join('.'));
      const { count, ...options } = body.data;
      return this.generate(count, options);
    });
    app.setNotFoundHandler((req, reply) => reply.code(404).send({ error: 'not_found', message: `no route ${req.method} ${req.url}` }));
    app.setErrorHandler((err, _req, reply) => {
      if (err instanceof ApiError) return reply.code(err.status).send(err.toBody());
      const status = (err as { statusCode?: number }).statusCode;
      if (status !== undefined && status >= 400 && status < 500) return reply.code(status).send({ error: 'validation_error', message: `body: ${(err as Error).message}`, field: 'body' });
      return reply.code(500).send({ error: 'internal_error', message: (err as Error).message });
    });
    return app;
  }
}

export function createIspIntegratorSimulator(options: IspIntegratorSimulatorOptions = {}): IspIntegratorSimulator {
  return new IspIntegratorSimulator(options);
}

if (require.main === module) {
  const port = Number(process.env.ISP_INTEGRATOR_PORT ?? process.argv[2] ?? 0);
  const adminPort = Number(process.env.ISP_INTEGRATOR_ADMIN_PORT ?? process.argv[3] ?? 0);
  const simulator = createIspIntegratorSimulator({ token: process.env.ISP_INTEGRATOR_TOKEN });
  void (async () => {
    const url = await simulator.start(port);
    const admin = await startAdminServer([simulator], adminPort);
    // The built-in token is a public simulator default; a token given by env is never printed.
    const token = process.env.ISP_INTEGRATOR_TOKEN ? 'from ISP_INTEGRATOR_TOKEN' : `"${simulator.token}"`;
    console.log(`ISP-Integrator simulator: ${url} (Bearer token ${token})`);
    console.log(`admin: ${admin.url}/simulators/${simulator.name}/state`);
  })();
}
