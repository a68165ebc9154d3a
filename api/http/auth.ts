import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AuthenticatedCredential, Verification } from '../auth/credentials';
import { lifecycleEventTypes } from '../../domain/events';
import { eventRefusal, grants, Scope } from '../auth/permissions';
import type { Caller, SubsyncOperations } from '../operations';

/**
 * Who may call what. Every route declares the scope it needs (`config.scope`), and a route
 * that declares none stops the API from starting, so no operation is ever open by mistake.
 * A request without a credential, or with an unknown, revoked or expired one, is a 401; a
 * valid credential without the route's scope is a 403 naming the scope.
 */
export const SECURITY_SCHEME = 'apiKey';

/** `public`: no credential looked at (the OpenAPI document, Swagger UI). */
export type RouteAccess = Scope | 'public';

declare module 'fastify' {
  interface FastifyContextConfig {
    scope?: RouteAccess;
    /** The route also answers without a credential (with less: /healthz says only ok). */
    anonymous?: boolean;
  }
  interface FastifyRequest {
    /** The verified credential behind the request; absent on public and anonymous calls. */
    credential?: AuthenticatedCredential;
  }
}

export interface KeyVerifier {
  verify(key: string): Promise<Verification>;
}

export class UnauthorizedError extends Error {
  readonly statusCode = 401;
  constructor(
    message: string,
    readonly scope: RouteAccess | undefined,
    readonly problem: 'missing' | 'malformed' | 'unknown' | 'revoked' | 'expired',
  ) {
    super(message);
    this.name = 'UnauthorizedError';
  }
}

export class ForbiddenError extends Error {
  readonly statusCode = 403;
  constructor(
    message: string,
    readonly scope: Scope,
  ) {
    super(message);
    this.name = 'ForbiddenError';
  }
}

/** Route options for an operation that needs `scope`: the check, and the document's security requirement. */
export function requires<S extends object>(scope: Scope, schema: S, options: { anonymous?: boolean } = {}) {
  const required: Record<string, string[]> = { [SECURITY_SCHEME]: [scope] };
  const security: Record<string, string[]>[] = options.anonymous ? [{}, required] : [required];
  return { schema: { ...schema, security }, config: { scope, ...(options.anonymous ? { anonymous: true } : {}) } };
}

export const publicRoute = { config: { scope: 'public' as const } };

/** The operations as the request's credential. */
export type OperationsFor = (request: FastifyRequest) => SubsyncOperations;

/** The caller the operations act for. */
export function callerOf(request: FastifyRequest): Caller | undefined {
  return request.credential && { credentialId: request.credential.id, name: request.credential.name };
}

/** For POST /v1/events: the credential's events:write may be narrowed to some types and billing systems. */
export function assertEventPermitted(request: FastifyRequest, event: { type: string; billing: string }): void {
  const credential = request.credential;
  if (!credential) return;
  const refusal = eventRefusal(credential.permissions, event);
  if (refusal) throw new ForbiddenError(`credential "${credential.name}" may not send this event: ${refusal}`, 'events:write');
}

/**
 * For POST /v1/watch: looking at an account sends whatever change billing shows, of any event
 * type, so a credential narrowed to some types, or to other billing systems, may not.
 */
export function assertWatchPermitted(request: FastifyRequest, billing: string): void {
  const credential = request.credential;
  if (!credential) return;
  const refused = lifecycleEventTypes.filter((type) => eventRefusal(credential.permissions, { type, billing }));
  if (refused.length) {
    throw new ForbiddenError(
      `credential "${credential.name}" may not look at ${billing} accounts for changes: that may send any lifecycle event, and it may not send ${refused.join(', ')} for ${billing}`,
      'events:write',
    );
  }
}

export function installAuth(app: FastifyInstance, verifier: KeyVerifier, publicPrefixes: string[]): void {
  app.addHook('onRoute', (route) => {
    route.config = { ...(route.config as object) } as typeof route.config;
    if (publicPrefixes.some((prefix) => route.url === prefix || route.url.startsWith(`${prefix}/`))) route.config!.scope ??= 'public';
    if (!route.config?.scope) throw new Error(`route ${String(route.method)} ${route.url} declares no scope: give it requires(scope, ...) or publicRoute`);
  });

  app.addHook('onRequest', async (request, reply) => {
    // No route matched: the 404/405 answer says nothing a caller could use.
    if (!request.routeOptions.url) return;
    const { scope, anonymous } = request.routeOptions.config;
    if (scope === 'public' || scope === undefined) return;
    const header = request.headers.authorization;
    if (header === undefined && anonymous) return;
    const key = bearerToken(header);
    if (!key) {
      throw new UnauthorizedError(`this operation needs an API credential with the scope "${scope}": send "Authorization: Bearer <key>"`, scope, header ? 'malformed' : 'missing');
    }
    const verified = await verifier.verify(key);
    if (!verified.ok) throw new UnauthorizedError(`${verified.message}; this operation needs the scope "${scope}"`, scope, verified.problem);
    request.credential = verified.credential;
    request.log = reply.log = request.log.child({ credential: `${verified.credential.name} (${verified.credential.id})` });
    if (!grants(verified.credential.permissions, scope)) {
      throw new ForbiddenError(`credential "${verified.credential.name}" lacks the scope "${scope}" this operation needs`, scope);
    }
  });
}

function bearerToken(header: string | undefined): string | undefined {
  const m = /^Bearer[ ]+(\S+)\s*$/i.exec(header ?? '');
  return m?.[1];
}
