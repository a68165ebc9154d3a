import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { SimError, httpStatusOf } from '../errors';
import { parseInput, route } from '../http';
import type { TvSubscriber } from '../model';
import { FlavourContext, TvFlavour, tvCatalog } from './flavour';

/**
 * CDN TV: JSON REST under /api/v2 behind an X-Api-Key header. Subscribers are "customers"
 * found by `login`, packages are addressed by code (`plan` for the base one, `addons` for
 * extras), set-top boxes are PUT by CASN with a `room`. No swap call: a swap is add + delete.
 */
export interface CdnTvCredentials {
  apiKey: string;
}

const BASE = '/api/v2';
export const cdnTvId = (sub: TvSubscriber) => `cus_${String(sub.seq).padStart(6, '0')}`;
const subjectNames: Record<string, string> = { subscriber: 'customer', package: 'plan', device: 'set_top_box' };

export function createCdnTvFlavour(): TvFlavour<CdnTvCredentials> {
  return {
    name: 'cdntv',
    title: 'CDN TV',
    basePath: BASE,
    defaultCredentials: { apiKey: 'cdntv-sim-api-key' },
    defaultCatalog: tvCatalog,

    guard(req, { credentials }) {
      const given = Buffer.from(String(req.headers['x-api-key'] ?? ''));
      const expected = Buffer.from(credentials.apiKey);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new SimError('auth', 'api_key', 'missing or invalid X-Api-Key', 'X-Api-Key', 'invalid_api_key');
    },

    register: registerRoutes,

    renderError(err) {
      const code = err.code ?? `${subjectNames[err.subject] ?? err.subject}_${err.kind}`;
      return { status: httpStatusOf[err.kind], body: { error: err.field ? { code, message: err.message, field: err.field } : { code, message: err.message } } };
    },
  };
}

function registerRoutes(app: FastifyInstance, { model }: FlavourContext<CdnTvCredentials>): void {
  const customer = (id: string) => model.where((s) => cdnTvId(s) === id);
  const view = (sub: TvSubscriber) => ({
    id: cdnTvId(sub),
    login: sub.login,
    name: sub.name ?? null,
    external_ref: sub.externalId ?? null,
    status: sub.status === 'active' ? 'enabled' : 'disabled',
    plan: sub.basePackage ?? null,
    addons: sub.extraPackages,
    set_top_boxes: sub.devices.map((d) => ({ casn: d.casn, room: d.location ?? null })),
    created_at: sub.createdAt,
  });

  route(app, 'GET', `${BASE}/status`, { operation: 'health' }, () => ({ status: 'ok' }));

  route(app, 'GET', `${BASE}/customers`, { operation: 'findSubscriber' }, (req) => {
    const { login } = parseInput(z.object({ login: z.string().min(1) }), req.query);
    const sub = model.byLogin(login);
    return { data: sub ? [view(sub)] : [] };
  });

  route(app, 'POST', `${BASE}/customers`, { operation: 'createSubscriber' }, (req, reply) => {
    const b = parseInput(z.object({ login: z.string(), name: z.string().optional(), external_ref: z.string().optional() }), req.body);
    const sub = model.create({ login: b.login, name: b.name, externalId: b.external_ref });
    return reply.code(201).send({ data: view(sub) });
  });

  route(app, 'GET', `${BASE}/customers/:id`, { operation: 'readSubscriber' }, (req) => ({ data: view(customer(req.params.id)) }));

  route(app, 'PUT', `${BASE}/customers/:id/plan`, { operation: 'setBasePackage' }, (req) => {
    const sub = customer(req.params.id);
    model.setBasePackage(sub, parseInput(z.object({ plan: z.string() }), req.body).plan);
    return { data: view(sub) };
  });

  route(app, 'PUT', `${BASE}/customers/:id/addons/:code`, { operation: 'addExtraPackage' }, (req) => {
    const sub = customer(req.params.id);
    model.addExtraPackage(sub, req.params.code);
    return { data: view(sub) };
  });

  route(app, 'DELETE', `${BASE}/customers/:id/addons/:code`, { operation: 'removeExtraPackage' }, (req, reply) => {
    model.removeExtraPackage(customer(req.params.id), req.params.code);
    return reply.code(204).send();
  });

  route(app, 'PUT', `${BASE}/customers/:id/set-top-boxes/:casn`, { operation: 'bindDevice' }, (req) => {
    const sub = customer(req.params.id);
    const { room } = parseInput(z.object({ room: z.string().optional() }), req.body);
    model.bindDevice(sub, req.params.casn, room);
    return { data: view(sub) };
  });

  route(app, 'DELETE', `${BASE}/customers/:id/set-top-boxes/:casn`, { operation: 'unbindDevice' }, (req, reply) => {
    model.unbindDevice(customer(req.params.id), req.params.casn);
    return reply.code(204).send();
  });

  for (const [action, status] of [['disable', 'suspended'], ['enable', 'active']] as const) {
    route(app, 'POST', `${BASE}/customers/:id/${action}`, { operation: 'setStatus' }, (req) => {
      const sub = customer(req.params.id);
      model.setStatus(sub, status);
      return { data: view(sub) };
    });
  }

  route(app, 'DELETE', `${BASE}/customers/:id`, { operation: 'removeSubscriber' }, (req, reply) => {
    model.remove(customer(req.params.id));
    return reply.code(204).send();
  });
}

/** Found by flavours/index.ts: every module of this folder that exports a flavour factory by default is a flavour. */
export default createCdnTvFlavour;
