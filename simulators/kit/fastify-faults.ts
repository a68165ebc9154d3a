import http from 'node:http';
import Fastify, { FastifyInstance, FastifyRequest } from 'fastify';
import { FaultController, sleep } from './faults';
import { ServiceListener } from './listener';

/** A REST simulator's fastify app on its service socket, with the injected faults applied before its routes. */
export interface FastifyFront {
  app: FastifyInstance;
  listener: ServiceListener;
  /** Readies the app (routes registered by then) and listens; the service's base URL. */
  start(port?: number): Promise<string>;
  stop(): Promise<void>;
}

export function createFastifyFront(faults: FaultController, options: { operationOf?: (req: FastifyRequest) => string; bodyLimit?: number } = {}): FastifyFront {
  // Our own server so ServiceListener can close and reopen the socket for the 'down' fault.
  const app = Fastify({ logger: false, serverFactory: (handler) => http.createServer(handler), ...(options.bodyLimit === undefined ? {} : { bodyLimit: options.bodyLimit }) });
  installFastifyFaults(app, faults, options.operationOf);
  const listener = new ServiceListener(app.server);
  listener.bindFaults(faults);
  return {
    app,
    listener,
    async start(port = 0) {
      await app.ready();
      await listener.listen(port);
      return listener.url;
    },
    async stop() {
      await listener.close();
      await app.close();
    },
  };
}

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
