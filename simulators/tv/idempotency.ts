import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SimError } from './errors';

interface Stored {
  fingerprint: string;
  status: number;
  contentType: string | undefined;
  payload: unknown;
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Idempotency-Key on writes, the way payment APIs do it: the first successful answer to a key
 * is stored and replayed verbatim for the same request (one effect, one event); reusing a key
 * for a different request is a validation error. Failed writes are not stored, so a retry after
 * a failure runs afresh. Keys live until reset.
 */
export class IdempotencyStore {
  private entries = new Map<string, Stored>();
  private pending = new WeakMap<FastifyRequest, { key: string; fingerprint: string }>();
  private failed = new WeakSet<FastifyRequest>();
  replays = 0;

  /** Call from a preHandler hook, after authentication: replays a stored answer or marks the request for storing. */
  async handle(req: FastifyRequest, reply: FastifyReply): Promise<boolean> {
    const key = req.headers['idempotency-key'];
    if (!WRITES.has(req.method) || typeof key !== 'string' || key === '') return false;
    const fingerprint = `${req.method} ${req.url} ${stableJson(req.body)}`;
    const stored = this.entries.get(key);
    if (!stored) {
      this.pending.set(req, { key, fingerprint });
      return false;
    }
    if (stored.fingerprint !== fingerprint) {
      throw new SimError('validation', 'idempotency_key', `Idempotency-Key "${key}" was already used for a different request`, 'Idempotency-Key');
    }
    this.replays++;
    reply.code(stored.status).header('idempotent-replayed', 'true');
    if (stored.contentType) reply.header('content-type', stored.contentType);
    await reply.send(stored.payload);
    return true;
  }

  /** The request ended in an error answer (possibly with HTTP 200, as RPC-style APIs do): never store it. */
  markFailed(req: FastifyRequest): void {
    this.failed.add(req);
  }

  install(app: FastifyInstance): void {
    app.addHook('onSend', async (req, reply, payload) => {
      const p = this.pending.get(req);
      if (p && !this.failed.has(req) && reply.statusCode < 300) {
        const contentType = reply.getHeader('content-type');
        this.entries.set(p.key, { fingerprint: p.fingerprint, status: reply.statusCode, contentType: contentType === undefined ? undefined : String(contentType), payload });
      }
      return payload;
    });
  }

  stats(): { keys: number; replays: number } {
    return { keys: this.entries.size, replays: this.replays };
  }

  clear(): void {
    this.entries.clear();
    this.replays = 0;
  }
}

/** Key order does not make two requests different. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    return `{${Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${stableJson(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
