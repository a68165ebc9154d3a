import { readFileSync } from 'node:fs';
import Fastify, { FastifyInstance } from 'fastify';
import { FaultController, faultSchema } from './faults';

/**
 * What every simulator offers besides its own protocol: start/stop on a real socket,
 * fault injection, state inspection, reset and seeding. The admin server below exposes
 * these over HTTP so tests, the demo and operators can drive simulators in other processes.
 */
export interface Simulator {
  readonly name: string;
  readonly faults: FaultController;
  /** Base URL of the service socket (valid after start). */
  readonly url: string;
  start(port?: number): Promise<string>;
  stop(): Promise<void>;
  /** A JSON snapshot of the simulated system's data. */
  state(): unknown;
  reset(): void;
  /** Loads data in the simulator's own seed format (see its README). */
  seed(data: unknown): void;
}

export async function startAdminServer(simulators: Simulator[], port = 0, host = '127.0.0.1'): Promise<{ app: FastifyInstance; url: string }> {
  const app = Fastify({ logger: false });
  const byName = new Map(simulators.map((s) => [s.name, s]));
  const find = (name: string) => {
    const sim = byName.get(name);
    if (!sim) throw Object.assign(new Error(`no simulator named "${name}"; have: ${[...byName.keys()].join(', ')}`), { statusCode: 404 });
    return sim;
  };
  app.get('/simulators', async () => simulators.map((s) => ({ name: s.name, url: s.url, down: s.faults.isDown(), faults: s.faults.list() })));
  app.get<{ Params: { name: string } }>('/simulators/:name/state', async (req) => find(req.params.name).state());
  app.get<{ Params: { name: string } }>('/simulators/:name/faults', async (req) => find(req.params.name).faults.list());
  app.get<{ Params: { name: string } }>('/simulators/:name/requests', async (req) => find(req.params.name).faults.requests);
  app.post<{ Params: { name: string } }>('/simulators/:name/faults', async (req, reply) => {
    const parsed = faultSchema.safeParse(req.body);
    if (!parsed.success) return reply.code(400).send({ error: 'invalid fault', issues: parsed.error.issues });
    const id = await find(req.params.name).faults.add(parsed.data);
    return reply.code(201).send({ id });
  });
  app.delete<{ Params: { name: string }; Querystring: { id?: string } }>('/simulators/:name/faults', async (req, reply) => {
    await find(req.params.name).faults.clear(req.query.id === undefined ? undefined : Number(req.query.id));
    return reply.code(204).send();
  });
  app.post<{ Params: { name: string } }>('/simulators/:name/reset', async (req, reply) => {
    find(req.params.name).reset();
    return reply.code(204).send();
  });
  app.post<{ Params: { name: string } }>('/simulators/:name/seed', async (req, reply) => {
    find(req.params.name).seed(req.body);
    return reply.code(204).send();
  });
  const url = await app.listen({ port, host });
  return { app, url };
}

/**
 * Runs one simulator as its own process (`ts-node simulators/<name>/index.ts [port] [adminPort]`):
 * ports from the arguments or `${env}_PORT` / `${env}_ADMIN_PORT`, seed data from the JSON file
 * named by `${env}_SEED`, and a line saying where everything is.
 */
export function runStandalone(sim: Simulator, options: { env: string; defaultPort?: number; describe: (url: string, adminUrl: string) => string }): void {
  const port = Number(process.argv[2] ?? process.env[`${options.env}_PORT`] ?? options.defaultPort ?? 0);
  const adminPort = Number(process.argv[3] ?? process.env[`${options.env}_ADMIN_PORT`] ?? 0);
  void (async () => {
    const seedFile = process.env[`${options.env}_SEED`];
    if (seedFile) sim.seed(JSON.parse(readFileSync(seedFile, 'utf8')));
    const url = await sim.start(port);
    const admin = await startAdminServer([sim], adminPort);
    console.log(options.describe(url, `${admin.url}/simulators/${sim.name}`));
  })();
}
