import type { FastifyInstance, FastifyRequest } from 'fastify';
import { FaultController, sleep } from './faults';

/**
 * Applies injected faults to a fastify-based REST simulator before its routes run.
 * `operationOf` names the operation a request belongs to (route config `operation`
 * if set, else "METHOD /route/pattern").
 */
export function installFastifyFaults(app: FastifyInstance, faults: FaultController, operationOf: (req: FastifyRequest) => string = defaultOperation): void {
  app.addHook('onRequest', async (req, reply) => {
    if (req.url.startsWith('/_admin')) return;
    const d = faults.decide(operationOf(req));
    if (d.action === 'timeout') {
      // Never answer: hold the request until the client gives up and the socket closes.
      await new Promise<void>((resolve) => req.raw.socket.once('close', () => resolve()));
      return reply.hijack();
    }
    if (d.delayMs > 0) await sleep(d.delayMs);
    if (d.action === 'status') return reply.code(d.status).send({ error: 'injected', message: `injected HTTP ${d.status}` });
    if (d.action === 'rate_limit') return reply.code(429).header('retry-after', String(d.retryAfterSeconds)).send({ error: 'rate_limited', message: 'too many requests' });
    if (d.action === 'fault') return reply.code(d.status).send({ error: d.code, message: d.message });
  });
}

export function defaultOperation(req: FastifyRequest): string {
  const configured = (req.routeOptions?.config as { operation?: string } | undefined)?.operation;
  return configured ?? `${req.method} ${req.routeOptions?.url ?? req.url}`;
}
