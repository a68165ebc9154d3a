import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import Fastify, { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { z } from 'zod';
import {
  createJsonSchemaTransform,
  createJsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import type { SubsyncOperations } from '../operations';
import { errorReply } from './errors';
import { eventRoutes, eventsPath } from './routes/events';
import { healthRoutes } from './routes/health';
import { invoicingRoutes } from './routes/invoicing';
import { notificationRoutes } from './routes/notifications';
import { parkedRoutes } from './routes/parked';
import { reconcileRoutes } from './routes/reconciliations';
import { setTopBoxRoutes } from './routes/set-top-boxes';
import { subscriberRoutes } from './routes/subscribers';
import { apiSchemaRegistry } from './schemas';

/**
 * subsync's HTTP API over SubsyncOperations. Routes are validated by the same zod schemas the
 * OpenAPI document (GET /openapi.json, UI at /docs) is generated from, so the document cannot
 * disagree with what the server accepts.
 */
export interface ApiOptions {
  logger: FastifyBaseLogger;
}

/** The fastify instance buildApi returns (its logger is our pino logger). */
export type SubsyncApi = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger>;

export const DEFAULT_API_PORT = 3000;
const requestIdHeader = 'x-request-id';

export function buildApi(ops: SubsyncOperations, options: ApiOptions): SubsyncApi {
  const app = Fastify({
    loggerInstance: options.logger,
    // A caller's request id (a billing hook's, a proxy's) is kept so one id follows the event through the logs.
    requestIdHeader,
    genReqId: () => randomUUID(),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.addHook('onRequest', async (request, reply) => {
    reply.header(requestIdHeader, request.id);
  });

  app.setErrorHandler((err, request, reply) => {
    const { status, body } = errorReply(err, {
      badInput: request.routeOptions.url === eventsPath ? 'invalid_event' : 'invalid_request',
      requestId: request.id,
      bodyMissing: request.body === null || request.body === undefined,
      contentType: request.headers['content-type'],
      accepts: request.routeOptions.schema?.consumes?.[0],
    });
    // Bodies are never logged: events carry logins and payment data.
    if (status >= 500) request.log.error({ err, error: body.error }, 'request failed');
    else request.log.info({ error: body.error, issues: body.issues }, 'request rejected');
    return reply.code(status).send(body);
  });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({ error: 'route_not_found', message: `no route ${request.method} ${request.url}; see /openapi.json` }),
  );

  app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'subsync',
        description:
          'Keeps ISP subscribers in sync between billing systems and service platforms. Billing sends lifecycle events; operators inspect subscribers, ' +
          'resolve parked commands, reconcile billing with the platforms, run and schedule TV invoicing and import set-top boxes.',
        version: '1',
      },
      tags: [
        { name: 'events', description: 'Lifecycle events from billing' },
        { name: 'subscribers', description: 'Subscriber state' },
        { name: 'operators', description: 'Parked commands: list, retry, skip' },
        { name: 'reconcile', description: 'Compare billing with the platforms; report or repair the drift' },
        { name: 'invoicing', description: 'Monthly TV invoicing (Faturamento TV): runs and the Schedule' },
        { name: 'set-top boxes', description: 'Import set-top boxes (Importar STB) into ISP-Integrator' },
        { name: 'notifications', description: 'NotificationDispatcher: endpoints, backlog, failures, attempt log, resend and recover' },
        { name: 'ops', description: 'Health' },
      ],
    },
    transform: createJsonSchemaTransform({ schemaRegistry: apiSchemaRegistry, skipList: ['/openapi.json'] }),
    transformObject: createJsonSchemaTransformObject({ schemaRegistry: apiSchemaRegistry }),
  });
  app.register(fastifySwaggerUi, { routePrefix: '/docs' });

  app.register(eventRoutes, { ops });
  app.register(subscriberRoutes, { ops });
  app.register(parkedRoutes, { ops });
  app.register(healthRoutes, { ops });
  app.register(reconcileRoutes, { ops });
  app.register(invoicingRoutes, { ops });
  app.register(setTopBoxRoutes, { ops });
  app.register(notificationRoutes, { ops });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  return app;
}

const portSchema = z.coerce.number().int().min(0).max(65535);

/** The port from the environment (SUBSYNC_API_PORT) or 3000; a wrong value fails naming the variable. */
export function apiPortFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.SUBSYNC_API_PORT;
  if (raw === undefined || raw === '') return DEFAULT_API_PORT;
  const parsed = portSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`SUBSYNC_API_PORT must be a port number (0-65535), got "${raw}"`);
  return parsed.data;
}

export interface StartApiOptions extends ApiOptions {
  /** Defaults to SUBSYNC_API_PORT or 3000; 0 picks a free port. */
  port?: number;
  host?: string;
}

/** Builds the API and listens; `url` is where it answers (with the real port when port was 0). */
export async function startApi(ops: SubsyncOperations, options: StartApiOptions): Promise<{ app: SubsyncApi; url: string }> {
  const host = options.host ?? '127.0.0.1';
  const app = buildApi(ops, options);
  try {
    await app.listen({ port: options.port ?? apiPortFromEnv(), host });
  } catch (err) {
    await app.close();
    throw err;
  }
  const { port } = app.server.address() as AddressInfo;
  // Listening on every interface: the URL to print is still the local one.
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return { app, url: `http://${shownHost}:${port}` };
}
