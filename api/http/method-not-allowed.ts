import type { FastifyInstance } from 'fastify';
import FindMyWay, { HTTPMethod } from 'find-my-way';

const METHODS: HTTPMethod[] = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/**
 * A path that exists answers a method it does not have with 405 and an Allow header listing the
 * ones it has (RFC 9110 15.5.6); only a path that does not exist is a 404. Fastify answers 404
 * for both, so the routes are mirrored into a router of the same kind (find-my-way, fastify's
 * own) that is asked which methods match the path.
 */
export function installMethodNotAllowed(app: FastifyInstance): void {
  const router = FindMyWay();
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (!router.hasRoute(method as HTTPMethod, route.url)) router.on(method as HTTPMethod, route.url, () => undefined);
    }
  });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const allowed = METHODS.filter((method) => router.find(method, path) !== null);
    if (allowed.length > 0) {
      return reply
        .code(405)
        .header('allow', allowed.join(', '))
        .send({ error: 'method_not_allowed', message: `${request.method} is not an operation of ${cut(path)}; it has ${allowed.join(', ')}` });
    }
    return reply.code(404).send({ error: 'route_not_found', message: `no route ${request.method} ${cut(path)}; see /openapi.json` });
  });
}

const cut = (text: string) => (text.length > 200 ? `${text.slice(0, 200)}…` : text);
