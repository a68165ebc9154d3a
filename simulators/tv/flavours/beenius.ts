import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import OAuth from 'oauth-1.0a';
import { z } from 'zod';
import { SimError, httpStatusOf } from '../errors';
import { parseInput, route } from '../http';
import type { TvModel, TvSubscriber } from '../model';
import { FlavourContext, TvFlavour, tvCatalog } from './flavour';

/**
 * Multi TV Beenius: REST under /restapi/rest/1, the vendor media type
 * application/vnd.beenius+json;version=N in Accept and Content-Type, every request signed with
 * OAuth 1.0a (HMAC-SHA1, consumer + access token). Subscriptions (packages) are UUIDs; a
 * subscriber has a numeric id and an auth PIN its set-top boxes ask for.
 */
export interface BeeniusCredentials {
  consumerKey: string;
  consumerSecret: string;
  token: string;
  tokenSecret: string;
}

export const BEENIUS_MEDIA_TYPE = 'application/vnd.beenius+json';
export const BEENIUS_API_VERSIONS = [7, 8, 9];
const TIMESTAMP_WINDOW_S = 300;
const BASE = '/restapi/rest/1';

const subjectNames: Record<string, string> = { package: 'SUBSCRIPTION', device: 'DEVICE', subscriber: 'SUBSCRIBER' };
const kindSuffix = { not_found: 'NOT_FOUND', conflict: 'ALREADY_EXISTS', validation: 'INVALID', auth: 'UNAUTHORIZED', not_acceptable: 'NOT_ACCEPTABLE', unsupported_media_type: 'UNSUPPORTED' } as const;

export const beeniusId = (sub: TvSubscriber) => 100_000 + sub.seq;

export function createBeeniusFlavour(): TvFlavour<BeeniusCredentials> {
  const nonces = new Map<string, number>();
  const versions = new WeakMap<FastifyRequest, number>();

  return {
    name: 'beenius',
    title: 'Multi TV Beenius',
    basePath: BASE,
    defaultCredentials: { consumerKey: 'subsync-consumer', consumerSecret: 'beenius-sim-consumer-secret', token: 'subsync-token', tokenSecret: 'beenius-sim-token-secret' },
    defaultCatalog: tvCatalog,

    guard(req, ctx) {
      versions.set(req, negotiatedVersion(req.headers.accept));
      const contentType = req.headers['content-type'];
      if (req.body !== undefined && !contentType?.toLowerCase().startsWith(BEENIUS_MEDIA_TYPE)) {
        throw new SimError('unsupported_media_type', 'media_type', `Content-Type must be ${BEENIUS_MEDIA_TYPE};version=N`, 'Content-Type');
      }
      verifySignature(req, ctx.credentials, nonces);
    },

    register(app, ctx) {
      app.addContentTypeParser(/^application\/vnd\.beenius\+json/i, { parseAs: 'string' }, (_req, body, done) => {
        try {
          done(null, body === '' ? undefined : JSON.parse(body as string));
        } catch (err) {
          done(Object.assign(err as Error, { statusCode: 400 }), undefined);
        }
      });
      // Every answer, errors included, speaks the negotiated version of the vendor type.
      app.addHook('onSend', async (req, reply, payload) => {
        reply.header('content-type', `${BEENIUS_MEDIA_TYPE};version=${versions.get(req) ?? Math.max(...BEENIUS_API_VERSIONS)}`);
        return payload;
      });
      registerRoutes(app, ctx);
    },

    renderError(err) {
      const subject = subjectNames[err.subject] ?? err.subject.toUpperCase();
      return { status: httpStatusOf[err.kind], body: { errorCode: err.code ?? `${subject}_${kindSuffix[err.kind]}`, errorMessage: err.message } };
    },

    reset() {
      nonces.clear();
    },
  };
}

function registerRoutes(app: FastifyInstance, { model }: FlavourContext<BeeniusCredentials>): void {
  const subscriber = (id: string) => model.where((s) => String(beeniusId(s)) === id);
  const subscription = (id: string) => model.packageWhere((p) => p.uuid === id, id);
  const view = (sub: TvSubscriber) => subscriberView(model, sub);

  route(app, 'GET', `${BASE}/system/info`, { operation: 'health' }, () => ({ product: 'Beenius (simulated)', apiVersions: BEENIUS_API_VERSIONS }));

  route(app, 'GET', `${BASE}/subscriptions`, { operation: 'listPackages' }, () => {
    const list = model.packages().map((p) => ({ id: p.uuid, externalCode: p.code, name: p.name, type: p.kind === 'base' ? 'BASE' : 'ADDON' }));
    return page(list);
  });

  route(app, 'GET', `${BASE}/subscribers`, { operation: 'findSubscriber' }, (req) => {
    const { username } = parseInput(z.object({ username: z.string().min(1) }), req.query);
    const sub = model.byLogin(username);
    return page(sub ? [view(sub)] : []);
  });

  route(app, 'POST', `${BASE}/subscribers`, { operation: 'createSubscriber' }, (req, reply) => {
    const b = parseInput(z.object({ username: z.string(), firstName: z.string().optional(), lastName: z.string().optional(), externalId: z.string().optional() }), req.body);
    const name = [b.firstName, b.lastName].filter(Boolean).join(' ');
    const sub = model.create({ login: b.username, name: name || undefined, externalId: b.externalId });
    return reply.code(201).send(view(sub));
  });

  route(app, 'GET', `${BASE}/subscribers/:id`, { operation: 'readSubscriber' }, (req) => view(subscriber(req.params.id)));

  route(app, 'PUT', `${BASE}/subscribers/:id/base-subscription`, { operation: 'setBasePackage' }, (req) => {
    const sub = subscriber(req.params.id);
    const { subscriptionId } = parseInput(z.object({ subscriptionId: z.string() }), req.body);
    model.setBasePackage(sub, subscription(subscriptionId).code);
    return view(sub);
  });

  route(app, 'POST', `${BASE}/subscribers/:id/subscriptions`, { operation: 'addExtraPackage' }, (req, reply) => {
    const sub = subscriber(req.params.id);
    const { subscriptionId } = parseInput(z.object({ subscriptionId: z.string() }), req.body);
    const added = model.addExtraPackage(sub, subscription(subscriptionId).code);
    return reply.code(added ? 201 : 200).send(view(sub));
  });

  route(app, 'DELETE', `${BASE}/subscribers/:id/subscriptions/:subscriptionId`, { operation: 'removeExtraPackage' }, (req, reply) => {
    model.removeExtraPackage(subscriber(req.params.id), subscription(req.params.subscriptionId).code);
    return reply.code(204).send();
  });

  route(app, 'POST', `${BASE}/subscribers/:id/devices`, { operation: 'bindDevice' }, (req, reply) => {
    const sub = subscriber(req.params.id);
    const b = parseInput(z.object({ casn: z.string(), locationName: z.string().optional() }), req.body);
    const changed = model.bindDevice(sub, b.casn, b.locationName);
    return reply.code(changed ? 201 : 200).send(view(sub));
  });

  route(app, 'PUT', `${BASE}/subscribers/:id/devices/:casn`, { operation: 'swapDevice' }, (req) => {
    const sub = subscriber(req.params.id);
    const b = parseInput(z.object({ casn: z.string() }), req.body);
    model.swapDevice(sub, req.params.casn, b.casn);
    return view(sub);
  });

  route(app, 'DELETE', `${BASE}/subscribers/:id/devices/:casn`, { operation: 'unbindDevice' }, (req, reply) => {
    model.unbindDevice(subscriber(req.params.id), req.params.casn);
    return reply.code(204).send();
  });

  route(app, 'PUT', `${BASE}/subscribers/:id/status`, { operation: 'setStatus' }, (req) => {
    const sub = subscriber(req.params.id);
    const { status } = parseInput(z.object({ status: z.enum(['ACTIVE', 'SUSPENDED']) }), req.body);
    model.setStatus(sub, status === 'ACTIVE' ? 'active' : 'suspended');
    return view(sub);
  });

  route(app, 'DELETE', `${BASE}/subscribers/:id`, { operation: 'removeSubscriber' }, (req, reply) => {
    model.remove(subscriber(req.params.id));
    return reply.code(204).send();
  });
}

/** Beenius list envelope: list + paging figures. */
function page<T>(list: T[]) {
  return { list, pageNumber: 1, pageSize: 50, rowCount: list.length };
}

function subscriberView(model: TvModel, sub: TvSubscriber) {
  const [firstName, ...rest] = (sub.name ?? '').split(' ');
  const base = sub.basePackage === undefined ? undefined : model.package(sub.basePackage);
  return {
    id: beeniusId(sub),
    username: sub.login,
    firstName: firstName || null,
    lastName: rest.join(' ') || null,
    externalId: sub.externalId ?? null,
    status: sub.status === 'active' ? 'ACTIVE' : 'SUSPENDED',
    authPin: sub.pin,
    baseSubscription: base ? { id: base.uuid, name: base.name } : null,
    subscriptions: sub.extraPackages.map((code) => {
      const p = model.package(code);
      return { id: p.uuid, name: p.name, type: 'ADDON' };
    }),
    devices: sub.devices.map((d) => ({ casn: d.casn, locationName: d.location ?? null })),
  };
}

function negotiatedVersion(accept: string | undefined): number {
  for (const entry of (accept ?? '').split(',')) {
    const [type, ...params] = entry.split(';').map((s) => s.trim());
    if (type.toLowerCase() !== BEENIUS_MEDIA_TYPE) continue;
    const version = Number(params.find((p) => p.startsWith('version='))?.slice('version='.length));
    if (BEENIUS_API_VERSIONS.includes(version)) return version;
  }
  throw new SimError('not_acceptable', 'media_type', `Accept must be ${BEENIUS_MEDIA_TYPE};version=N with N one of ${BEENIUS_API_VERSIONS.join(', ')}`, 'Accept');
}

/**
 * Verifies the OAuth 1.0a signature (RFC 5849, HMAC-SHA1) over method, URL and query, checks
 * the timestamp window and refuses a nonce seen before (replay).
 */
function verifySignature(req: FastifyRequest, creds: BeeniusCredentials, nonces: Map<string, number>): void {
  const header = req.headers.authorization;
  if (!header?.startsWith('OAuth ')) throw oauthError('missing OAuth Authorization header');
  const params: Record<string, string> = {};
  for (const m of header.slice('OAuth '.length).matchAll(/([A-Za-z_]+)="([^"]*)"/g)) params[m[1]] = decodeURIComponent(m[2]);
  if (params.oauth_signature_method !== 'HMAC-SHA1') throw oauthError('oauth_signature_method must be HMAC-SHA1');
  if (params.oauth_consumer_key !== creds.consumerKey) throw oauthError('unknown consumer key');
  if (params.oauth_token !== creds.token) throw oauthError('unknown access token');
  const timestamp = Number(params.oauth_timestamp);
  const now = Date.now() / 1000;
  if (!Number.isFinite(timestamp) || Math.abs(now - timestamp) > TIMESTAMP_WINDOW_S) throw oauthError('oauth_timestamp outside the accepted window');
  const nonceKey = `${params.oauth_timestamp}:${params.oauth_nonce}`;
  if (!params.oauth_nonce || nonces.has(nonceKey)) throw oauthError('oauth_nonce missing or already used');

  const { oauth_signature: signature, realm: _realm, ...oauthData } = params;
  const signer = new OAuth({
    consumer: { key: creds.consumerKey, secret: creds.consumerSecret },
    signature_method: 'HMAC-SHA1',
    hash_function: (base, key) => createHmac('sha1', key).update(base).digest('base64'),
  });
  const expected = signer.getSignature({ url: `http://${req.headers.host}${req.url}`, method: req.method }, creds.tokenSecret, oauthData as unknown as OAuth.Data);
  const a = Buffer.from(expected);
  const b = Buffer.from(signature ?? '');
  if (a.length !== b.length || !timingSafeEqual(a, b)) throw oauthError('invalid oauth_signature');

  // Remember the nonce only for a valid request, and forget those too old to be replayed anyway.
  for (const [key, at] of nonces) if (now - at > TIMESTAMP_WINDOW_S * 2) nonces.delete(key);
  nonces.set(nonceKey, now);
}

const oauthError = (message: string) => new SimError('auth', 'oauth', message);

/** Found by flavours/index.ts: every module of this folder that exports a flavour factory by default is a flavour. */
export default createBeeniusFlavour;
