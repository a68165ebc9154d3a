import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError, badRequest } from './api-error';

/**
 * Honours the `Idempotency-Key` header on writes: the first successful answer is stored and
 * replayed for the same key (one effect, same result). Failures are not stored, so a request
 * refused for bad data can be retried with the same key once the data is fixed. A key reused
 * for a different request is refused. Keys are kept in insertion order up to `maxKeys`.
 */
interface StoredResponse { fingerprint: string; status: number; payload: string }

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export class IdempotencyStore {
  private readonly responses = new Map<string, StoredResponse>();
  constructor(private readonly maxKeys = 200_000) {}

  get(key: string): StoredResponse | undefined {
    return this.responses.get(key);
  }

  set(key: string, response: StoredResponse): void {
    this.responses.set(key, response);
    if (this.responses.size > this.maxKeys) this.responses.delete(this.responses.keys().next().value!);
  }

  clear(): void {
    this.responses.clear();
  }

  get size(): number {
    return this.responses.size;
  }
}

export function idempotencyKeyOf(req: FastifyRequest): string | undefined {
  const key = req.headers['idempotency-key'];
  return typeof key === 'string' && key !== '' ? key : undefined;
}

export function installIdempotency(app: FastifyInstance, store: IdempotencyStore): void {
  const pending = new WeakMap<FastifyRequest, { key: string; fingerprint: string }>();

  app.addHook('preHandler', async (req, reply) => {
    if (!WRITE_METHODS.has(req.method) || req.url.startsWith('/_admin')) return;
    const key = idempotencyKeyOf(req);
    if (key === undefined) return;
    if (key.length > 255) throw badRequest('Idempotency-Key', 'must be at most 255 characters');
    const fingerprint = `${req.method} ${req.url} ${JSON.stringify(req.body ?? null)}`;
    const stored = store.get(key);
    if (!stored) {
      pending.set(req, { key, fingerprint });
      return;
    }
    if (stored.fingerprint !== fingerprint) throw new ApiError(422, 'idempotency_key_reused', 'this key was already used for a different request', 'Idempotency-Key');
    return reply.code(stored.status).header('content-type', 'application/json; charset=utf-8').header('idempotent-replayed', 'true').send(stored.payload);
  });

  app.addHook('onSend', async (req, reply, payload) => {
    const request = pending.get(req);
    if (request && reply.statusCode >= 200 && reply.statusCode < 300 && typeof payload === 'string') {
      store.set(request.key, { fingerprint: request.fingerprint, status: reply.statusCode, payload });
    }
    return payload;
  });
}
