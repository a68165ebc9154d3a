import type { FastifyInstance, FastifyReply, FastifyRequest, HTTPMethods } from 'fastify';
import type { z } from 'zod';
import { SimError } from './errors';

export type Req = FastifyRequest<{ Params: Record<string, string>; Querystring: Record<string, string | undefined>; Body: unknown }>;

export interface RouteConfig {
  /** The operation name faults target (the same names across flavours, see README). */
  operation: string;
  /** Reachable without credentials (ION's token endpoint). */
  public?: boolean;
}

export function route(
  app: FastifyInstance,
  method: HTTPMethods,
  url: string,
  config: RouteConfig,
  handler: (req: Req, reply: FastifyReply) => unknown,
): void {
  app.route({ method, url, config, handler: (req, reply) => handler(req as Req, reply) });
}

export function routeConfig(req: FastifyRequest): RouteConfig | undefined {
  return req.routeOptions?.config as RouteConfig | undefined;
}

/** Validates a request body or query in the protocol's terms: a SimError naming the field. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue.path.map(String).join('.') || 'body';
  throw new SimError('validation', 'body', `${field}: ${issue.message}`, field);
}

/** HTML-form bodies (ION's OAuth token endpoint, Maxi TV's writes). */
export function acceptFormBodies(app: FastifyInstance): void {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
}
