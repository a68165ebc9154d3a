import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError, Directory, parseInput } from './directory';
import { IdempotencyStore, requestFingerprint, WriteResult } from './idempotency';
import { addressInputSchema, createClientBodySchema, eventsQuerySchema, findClientsQuerySchema, setCapabilitiesBodySchema } from './schemas';

/**
 * The simulated intercom REST API (see README). Every route carries an `operation` name so a
 * fault can target exactly one of them. Errors are JSON: { error, message, field? }.
 */
export function registerRoutes(app: FastifyInstance, deps: { directory: Directory; idempotency: IdempotencyStore; token: string }): void {
  const { directory, idempotency } = deps;

  app.addHook('onRequest', async (req, reply) => {
    if (!hasToken(req, deps.token)) {
      return reply.code(401).header('www-authenticate', 'Bearer').send({ error: 'unauthorized', message: 'missing or invalid bearer token' });
    }
  });

  app.setErrorHandler((err: Error & { statusCode?: number }, _req, reply) => {
    if (err instanceof ApiError) return reply.code(err.status).send(err.toBody());
    // Fastify's own rejections (malformed JSON, wrong content type) are the client's fault.
    if (err.statusCode !== undefined && err.statusCode < 500) return reply.code(err.statusCode).send({ error: 'bad_request', message: err.message });
    return reply.code(500).send({ error: 'internal', message: err.message });
  });

  app.setNotFoundHandler((req, reply) => reply.code(404).send({ error: 'route_not_found', message: `no route ${req.method} ${req.url}` }));

  /** Runs a write under the request's Idempotency-Key, replaying the stored answer for a repeat. */
  const write = (req: FastifyRequest, reply: FastifyReply, run: () => WriteResult) => {
    const result = idempotency.run(idempotencyKey(req), requestFingerprint(req.method, req.url, req.body), run);
    if (result.replayed) reply.header('idempotent-replayed', 'true');
    return reply.code(result.status).send(result.body);
  };

  app.get('/api/v1/health', { config: { operation: 'health' } }, async () => ({ status: 'ok', time: new Date().toISOString() }));

  app.get('/api/v1/clients', { config: { operation: 'findClients' } }, async (req) => {
    const { login } = parseInput(findClientsQuerySchema, req.query);
    const profile = directory.findByLogin(login);
    return { items: profile ? [profile] : [] };
  });

  app.post('/api/v1/clients', { config: { operation: 'createClient' } }, async (req, reply) =>
    write(req, reply, () => ({ status: 201, body: directory.createClient(parseInput(createClientBodySchema, req.body)) })),
  );

  app.get<{ Params: { id: string } }>('/api/v1/clients/:id', { config: { operation: 'getClient' } }, async (req) => directory.get(req.params.id));

  app.delete<{ Params: { id: string } }>('/api/v1/clients/:id', { config: { operation: 'deleteClient' } }, async (req, reply) =>
    write(req, reply, () => {
      directory.deleteClient(req.params.id);
      return { status: 204 };
    }),
  );

  app.post<{ Params: { id: string } }>('/api/v1/clients/:id/addresses', { config: { operation: 'addAddress' } }, async (req, reply) =>
    write(req, reply, () => ({ status: 201, body: directory.addAddress(req.params.id, parseInput(addressInputSchema, req.body)) })),
  );

  app.put<{ Params: { id: string; addressId: string } }>(
    '/api/v1/clients/:id/addresses/:addressId/capabilities',
    { config: { operation: 'setCapabilities' } },
    async (req, reply) =>
      write(req, reply, () => {
        const { capabilities } = parseInput(setCapabilitiesBodySchema, req.body);
        return { status: 200, body: directory.setCapabilities(req.params.id, req.params.addressId, capabilities) };
      }),
  );

  app.delete<{ Params: { id: string; addressId: string } }>('/api/v1/clients/:id/addresses/:addressId', { config: { operation: 'removeAddress' } }, async (req, reply) =>
    write(req, reply, () => {
      directory.removeAddress(req.params.id, req.params.addressId);
      return { status: 204 };
    }),
  );

  app.get('/api/v1/events', { config: { operation: 'listEvents' } }, async (req) => {
    const { after, limit } = parseInput(eventsQuerySchema, req.query);
    return directory.eventsAfter(after, limit);
  });
}

function hasToken(req: FastifyRequest, token: string): boolean {
  const presented = Buffer.from(/^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? '');
  const expected = Buffer.from(token);
  return presented.length === expected.length && timingSafeEqual(presented, expected);
}

function idempotencyKey(req: FastifyRequest): string | undefined {
  const key = req.headers['idempotency-key'];
  if (key === undefined) return undefined;
  if (typeof key !== 'string' || key.length === 0 || key.length > 255) {
    throw new ApiError(400, 'validation_failed', 'Idempotency-Key: must be one header of 1 to 255 characters', 'Idempotency-Key');
  }
  return key;
}
