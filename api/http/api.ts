import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import Fastify, { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { z } from 'zod';
import { createJsonSchemaTransform, createJsonSchemaTransformObject, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { metricsContentType, metricsText, recordRejectedEvent } from '../../metrics';
import { SCOPES } from '../auth/permissions';
import { InvalidEventError, type ServedOperations, type SubsyncOperations } from '../operations';
import { callerOf, installAuth, KeyVerifier, OperationsFor, publicRoute, SECURITY_SCHEME, UnauthorizedError } from './auth';
import { errorReply, RateLimitedError } from './errors';
import { installMethodNotAllowed } from './method-not-allowed';
import { BillingSystemInfo, requestSchemas } from './request-schemas';
import { eventRoutes, eventsPath } from './routes/events';
import { healthRoutes } from './routes/health';
import { invoicingRoutes } from './routes/invoicing';
import { notificationRoutes } from './routes/notifications';
import { parkedRoutes } from './routes/parked';
import { reconcileRoutes } from './routes/reconciliations';
import { sessionRoutes } from './routes/sessions';
import { usageRoutes } from './routes/usage';
import { setTopBoxRoutes } from './routes/set-top-boxes';
import { subscriberRoutes } from './routes/subscribers';
import { watchRoutes } from './routes/watch';
import { apiSchemaRegistry } from './schemas';

/**
 * subsync's HTTP API over SubsyncOperations. Routes are validated by the same zod schemas the
 * OpenAPI document (GET /openapi.json, UI at /docs) is generated from, so the document cannot
 * disagree with what the server accepts. Every operation needs an API credential with its
 * scope (auth.ts); bodies, request times and request rates are bounded.
 */
export interface ApiLimits {
  /** Largest JSON body, in bytes (413 above). */
  bodyBytes: number;
  /** Largest CSV file for the set-top box import, in bytes. */
  csvBytes: number;
  /** A request (headers and body) must arrive within this time (408 after). */
  requestTimeoutMs: number;
  /** The headers must arrive within this time. */
  headersTimeoutMs: number;
  /** Idle keep-alive connections are closed after this time. */
  keepAliveTimeoutMs: number;
  /** Per credential (per client address without one): at most `max` requests per window (429 with Retry-After above). */
  rateLimit: { max: number; timeWindowMs: number };
}

export const DEFAULT_API_LIMITS: ApiLimits = {
  bodyBytes: 64 * 1024,
  csvBytes: 8 * 1024 * 1024,
  requestTimeoutMs: 30_000,
  headersTimeoutMs: 10_000,
  keepAliveTimeoutMs: 5_000,
  rateLimit: { max: 600, timeWindowMs: 60_000 },
};

export interface ApiOptions {
  logger: FastifyBaseLogger;
  /** Checks API keys (CredentialRegistry over the store). */
  credentials: KeyVerifier;
  /** The configured billing systems: the document names them and events get their account id shapes. */
  billing: Record<string, BillingSystemInfo>;
  limits?: Partial<ApiLimits>;
}

/** The fastify instance buildApi returns (its logger is our pino logger). */
export type SubsyncApi = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger>;

export const DEFAULT_API_PORT = 3000;
const requestIdHeader = 'x-request-id';
/** Log lines stay short whatever a caller sends. */
const MAX_LOGGED_URL = 300;

export function buildApi(ops: ServedOperations, options: ApiOptions): SubsyncApi {
  const limits = { ...DEFAULT_API_LIMITS, ...options.limits };
  const app = Fastify({
    loggerInstance: options.logger,
    // A caller's request id (a billing hook's, a proxy's) is kept so one id follows the event through the logs.
    requestIdHeader,
    genReqId: () => randomUUID(),
    bodyLimit: limits.bodyBytes,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    // Node checks the request and header timeouts on this interval (30 s by default, which would let a slow body hang on far longer).
    http: { headersTimeout: Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs), connectionsCheckingInterval: Math.min(1000, limits.requestTimeoutMs) },
    routerOptions: { maxParamLength: 300 },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // Request log lines name method, URL (cut short) and client; never headers (the API key) or bodies.
  app.log = app.log.child({}, { serializers: { req: (req: { method: string; url: string; ip?: string }) => ({ method: req.method, url: truncate(req.url, MAX_LOGGED_URL), remoteAddress: req.ip }) } });

  app.addHook('onRequest', async (request, reply) => {
    reply.header(requestIdHeader, truncate(String(request.id), 200));
  });

  installAuth(app, options.credentials, ['/docs', '/openapi.json']);
  installMethodNotAllowed(app);

  app.setErrorHandler((err, request, reply) => {
    const { status, body } = errorReply(err, {
      badInput: request.routeOptions.url === eventsPath ? 'invalid_event' : 'invalid_request',
      requestId: String(request.id),
      bodyMissing: request.body === null || request.body === undefined,
      contentType: request.headers['content-type'],
      accepts: request.routeOptions.schema?.consumes?.[0],
      limits,
    });
    // An event the route's schema refused never reached the dispatcher, which counts the others.
    if (body.error === 'invalid_event' && !(err instanceof InvalidEventError)) recordRejectedEvent(request.body);
    if (err instanceof UnauthorizedError) reply.header('www-authenticate', `Bearer realm="subsync"${err.problem === 'missing' ? '' : ', error="invalid_token"'}`);
    // Bodies are never logged: events carry logins and payment data.
    if (status >= 500) request.log.error({ err: { type: (err as Error).name, message: truncate(String((err as Error).message), 1000), stack: (err as Error).stack }, error: body.error }, 'request failed');
    else request.log.info({ error: body.error, issues: body.issues?.slice(0, 20) }, 'request rejected');
    return reply.code(status).send(body);
  });

  app.register(fastifyRateLimit, {
    global: true,
    max: limits.rateLimit.max,
    timeWindow: limits.rateLimit.timeWindowMs,
    // The auth hook runs first: a known credential has its own budget, anything else shares its address's.
    keyGenerator: (request) => (request.credential ? `credential:${request.credential.id}` : `address:${request.ip}`),
    errorResponseBuilder: (_request, context) => new RateLimitedError(`rate limit of ${context.max} requests per ${Math.round(limits.rateLimit.timeWindowMs / 1000)} s exceeded; retry in ${context.after}`),
  });

  app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'subsync',
        description:
          'Keeps ISP subscribers in sync between billing systems and service platforms. Billing sends lifecycle events; operators inspect subscribers, ' +
          'resolve parked commands, reconcile billing with the platforms, run and schedule TV invoicing and import set-top boxes.\n\n' +
          'Every operation needs an API credential (`Authorization: Bearer ssk_…`, created with `subsync credentials create`) holding the scope the ' +
          'operation lists under security. Scopes: ' +
          Object.entries(SCOPES)
            .map(([scope, what]) => `\`${scope}\` ${what}`)
            .join('; ') +
          '.',
        version: '1',
      },
      components: {
        securitySchemes: {
          [SECURITY_SCHEME]: { type: 'http', scheme: 'bearer', bearerFormat: 'ssk_<id>_<secret>', description: 'An API credential key; the security requirement of each operation names the scope it needs.' },
        },
      },
      tags: [
        { name: 'events', description: 'Lifecycle events from billing' },
        { name: 'subscribers', description: 'Subscriber state' },
        { name: 'operators', description: 'Parked commands: list, retry, skip' },
        { name: 'reconcile', description: 'Compare billing with the platforms; report or repair the drift' },
        { name: 'invoicing', description: 'Monthly TV invoicing (Faturamento TV): runs and the Schedule' },
        { name: 'set-top boxes', description: 'Import set-top boxes (Importar STB) into a billing system that registers them' },
        { name: 'sessions', description: "Book and control sessions on a subscriber's license, checked against its quota" },
        { name: 'usage', description: 'Month-end usage billing: runs, dry runs, summaries and the Schedule' },
        { name: 'notifications', description: 'NotificationDispatcher: endpoints, backlog, failures, attempt log, resend and recover' },
        { name: 'ops', description: 'Health' },
      ],
    },
    transform: createJsonSchemaTransform({ schemaRegistry: apiSchemaRegistry, skipList: ['/openapi.json'] }),
    transformObject: createJsonSchemaTransformObject({ schemaRegistry: apiSchemaRegistry }),
  });
  app.register(fastifySwaggerUi, { routePrefix: '/docs', uiConfig: { persistAuthorization: true } });

  const opsFor: OperationsFor = (request) => {
    const caller = callerOf(request);
    return caller ? ops.as(caller) : ops;
  };
  const schemas = requestSchemas(options.billing);
  app.register(eventRoutes, { ops: opsFor, schemas });
  app.register(subscriberRoutes, { ops: opsFor, schemas });
  app.register(watchRoutes, { ops: opsFor, schemas });
  app.register(parkedRoutes, { ops: opsFor });
  app.register(healthRoutes, { ops: opsFor });
  app.register(reconcileRoutes, { ops: opsFor, schemas });
  app.register(invoicingRoutes, { ops: opsFor, schemas });
  app.register(setTopBoxRoutes, { ops: opsFor, schemas, csvBytes: limits.csvBytes });
  app.register(sessionRoutes, { ops: opsFor, schemas });
  app.register(usageRoutes, { ops: opsFor, schemas });
  app.register(notificationRoutes, { ops: opsFor, schemas });
  app.get('/openapi.json', { ...publicRoute, schema: { hide: true } }, async () => app.swagger());
  // Prometheus scrapes this process's metrics here (README "Metrics and logs"). Left open like
  // /healthz: aggregate counts only, labels never name a subscriber or carry a secret. A scrape
  // every 15 s would fill the log with request lines: only its failures are logged.
  app.get('/metrics', { ...publicRoute, schema: { hide: true }, logLevel: 'warn' }, async (_request, reply) => reply.type(metricsContentType).send(await metricsText()));

  return app;
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…(${text.length} chars)` : text;
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
export async function startApi(ops: ServedOperations, options: StartApiOptions): Promise<{ app: SubsyncApi; url: string }> {
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
