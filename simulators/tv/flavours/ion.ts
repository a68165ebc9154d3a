import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { SimError, httpStatusOf } from '../errors';
import { acceptFormBodies, parseInput, route } from '../http';
import type { TvModel, TvSubscriber } from '../model';
import { FlavourContext, TvFlavour, tvCatalog } from './flavour';

/**
 * ION: an OAuth 2 client-credentials token from POST /oauth/token (form body), then bearer
 * calls under /v1. Subscribers are found by `username` and have UUIDs; products (packages) are
 * numeric ids with a `sku`; set-top boxes are `stbs` with a `serial` and a `label`. ION answers
 * a repeated add with 409 (PRODUCT_ALREADY_ACTIVE, STB_ALREADY_ASSIGNED) and a delete of
 * something absent with 404 (PRODUCT_NOT_ACTIVE, STB_NOT_ASSIGNED).
 */
export interface IonCredentials {
  clientId: string;
  clientSecret: string;
}

const BASE = '/v1';
const codes: Record<string, string> = {
  'not_found:subscriber': 'SUBSCRIBER_NOT_FOUND',
  'conflict:subscriber': 'USERNAME_TAKEN',
  'not_found:package': 'PRODUCT_NOT_FOUND',
  'validation:package': 'PRODUCT_TYPE_MISMATCH',
  'not_found:device': 'STB_NOT_ASSIGNED',
  'conflict:device': 'STB_IN_USE',
  'validation:device': 'INVALID_SERIAL',
  'validation:login': 'INVALID_USERNAME',
};

export function createIonFlavour(): TvFlavour<IonCredentials> {
  const tokens = new Map<string, number>(); // access token → expiry (ms)

  return {
    name: 'ion',
    title: 'ION',
    basePath: BASE,
    defaultCredentials: { clientId: 'subsync', clientSecret: 'ion-sim-client-secret' },
    defaultCatalog: tvCatalog,

    guard(req) {
      const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      const expiry = token === undefined ? undefined : tokens.get(token);
      if (expiry === undefined || expiry < Date.now()) {
        if (token !== undefined) tokens.delete(token);
        throw new SimError('auth', 'token', 'access token missing, unknown or expired', 'Authorization', 'invalid_token');
      }
    },

    register(app, ctx) {
      acceptFormBodies(app);
      // RFC 6749 §4.4 client credentials grant.
      route(app, 'POST', '/oauth/token', { operation: 'token', public: true }, (req, reply) => {
        const b = parseInput(z.object({ grant_type: z.literal('client_credentials'), client_id: z.string(), client_secret: z.string() }), req.body);
        if (b.client_id !== ctx.credentials.clientId || b.client_secret !== ctx.credentials.clientSecret) {
          return reply.code(401).send({ error: 'invalid_client', error_description: 'client authentication failed' });
        }
        const accessToken = randomBytes(24).toString('base64url');
        tokens.set(accessToken, Date.now() + ctx.tokenTtlSeconds * 1000);
        return { access_token: accessToken, token_type: 'Bearer', expires_in: ctx.tokenTtlSeconds };
      });
      registerRoutes(app, ctx);
    },

    renderError(err) {
      const code = err.code ?? codes[`${err.kind}:${err.subject}`] ?? `${err.subject}_${err.kind}`.toUpperCase();
      const headers: Record<string, string> = err.kind === 'auth' ? { 'www-authenticate': 'Bearer error="invalid_token"' } : {};
      return { status: httpStatusOf[err.kind], body: { code, message: err.message }, headers };
    },

    reset() {
      tokens.clear();
    },
  };
}

function registerRoutes(app: FastifyInstance, { model }: FlavourContext<IonCredentials>): void {
  const subscriber = (id: string) => model.where((s) => s.uuid === id);
  const product = (id: number) => model.packageWhere((p) => p.id === id, `#${id}`);
  const view = (sub: TvSubscriber) => subscriberView(model, sub);
  const productBody = z.object({ product_id: z.number().int() });

  route(app, 'GET', `${BASE}/health`, { operation: 'health' }, () => ({ status: 'UP' }));

  route(app, 'GET', `${BASE}/products`, { operation: 'listPackages' }, () => ({
    items: model.packages().map((p) => ({ product_id: p.id, sku: p.code, name: p.name, type: p.kind === 'base' ? 'base' : 'addon' })),
  }));

  route(app, 'GET', `${BASE}/subscribers`, { operation: 'findSubscriber' }, (req) => {
    const { username } = parseInput(z.object({ username: z.string().min(1) }), req.query);
    const sub = model.byLogin(username);
    return { items: sub ? [view(sub)] : [], total: sub ? 1 : 0 };
  });

  route(app, 'POST', `${BASE}/subscribers`, { operation: 'createSubscriber' }, (req, reply) => {
    const b = parseInput(z.object({ username: z.string(), full_name: z.string().optional(), reference: z.string().optional() }), req.body);
    return reply.code(201).send(view(model.create({ login: b.username, name: b.full_name, externalId: b.reference })));
  });

  route(app, 'GET', `${BASE}/subscribers/:id`, { operation: 'readSubscriber' }, (req) => view(subscriber(req.params.id)));

  route(app, 'PUT', `${BASE}/subscribers/:id/base-product`, { operation: 'setBasePackage' }, (req) => {
    const sub = subscriber(req.params.id);
    model.setBasePackage(sub, product(parseInput(productBody, req.body).product_id).code);
    return view(sub);
  });

  route(app, 'POST', `${BASE}/subscribers/:id/products`, { operation: 'addExtraPackage' }, (req, reply) => {
    const sub = subscriber(req.params.id);
    const p = product(parseInput(productBody, req.body).product_id);
    if (!model.addExtraPackage(sub, p.code)) throw new SimError('conflict', 'package', `product ${p.id} is already active`, 'product_id', 'PRODUCT_ALREADY_ACTIVE');
    return reply.code(201).send(view(sub));
  });

  route(app, 'DELETE', `${BASE}/subscribers/:id/products/:productId`, { operation: 'removeExtraPackage' }, (req, reply) => {
    const sub = subscriber(req.params.id);
    const p = product(Number(req.params.productId));
    if (!model.removeExtraPackage(sub, p.code)) throw new SimError('not_found', 'package', `product ${p.id} is not active`, 'product_id', 'PRODUCT_NOT_ACTIVE');
    return reply.code(204).send();
  });

  route(app, 'POST', `${BASE}/subscribers/:id/stbs`, { operation: 'bindDevice' }, (req, reply) => {
    const sub = subscriber(req.params.id);
    const b = parseInput(z.object({ serial: z.string(), label: z.string().optional() }), req.body);
    const already = sub.devices.some((d) => d.casn === b.serial);
    if (!model.bindDevice(sub, b.serial, b.label)) throw new SimError('conflict', 'device', `STB ${b.serial} is already assigned`, 'serial', 'STB_ALREADY_ASSIGNED');
    return reply.code(already ? 200 : 201).send(view(sub));
  });

  route(app, 'POST', `${BASE}/subscribers/:id/stbs/:serial/swap`, { operation: 'swapDevice' }, (req) => {
    const sub = subscriber(req.params.id);
    model.swapDevice(sub, req.params.serial, parseInput(z.object({ new_serial: z.string() }), req.body).new_serial);
    return view(sub);
  });

  route(app, 'DELETE', `${BASE}/subscribers/:id/stbs/:serial`, { operation: 'unbindDevice' }, (req, reply) => {
    if (!model.unbindDevice(subscriber(req.params.id), req.params.serial)) throw new SimError('not_found', 'device', `STB ${req.params.serial} is not assigned`, 'serial', 'STB_NOT_ASSIGNED');
    return reply.code(204).send();
  });

  route(app, 'PATCH', `${BASE}/subscribers/:id`, { operation: 'setStatus' }, (req) => {
    const sub = subscriber(req.params.id);
    const { state } = parseInput(z.object({ state: z.enum(['active', 'barred']) }), req.body);
    model.setStatus(sub, state === 'active' ? 'active' : 'suspended');
    return view(sub);
  });

  route(app, 'DELETE', `${BASE}/subscribers/:id`, { operation: 'removeSubscriber' }, (req, reply) => {
    model.remove(subscriber(req.params.id));
    return reply.code(204).send();
  });
}

function subscriberView(model: TvModel, sub: TvSubscriber) {
  const products = [
    ...(sub.basePackage === undefined ? [] : [{ product_id: model.package(sub.basePackage).id, type: 'base' }]),
    ...sub.extraPackages.map((code) => ({ product_id: model.package(code).id, type: 'addon' })),
  ];
  return {
    subscriber_id: sub.uuid,
    username: sub.login,
    full_name: sub.name ?? null,
    reference: sub.externalId ?? null,
    state: sub.status === 'active' ? 'active' : 'barred',
    products,
    stbs: sub.devices.map((d) => ({ serial: d.casn, label: d.location ?? null })),
  };
}

/** Found by flavours/index.ts: every module of this folder that exports a flavour factory by default is a flavour. */
export default createIonFlavour;
