import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { SimError, SimErrorKind, httpStatusOf } from '../errors';
import { parseInput, route } from '../http';
import type { TvSubscriber } from '../model';
import { FlavourContext, TvFlavour } from './flavour';

/**
 * Deezer, as resold to ISPs through Cariap (cariap.com.br): a partner API under /partner/v1
 * authenticated with an `access_token` query parameter, as Deezer's public API does. Subscribers
 * are "accounts" with a numeric id found by `partner_login`; the base package is the `offer`,
 * extras are `options`. A music service: there are no set-top points at all. Errors use Deezer's
 * { error: { type, message, code } } form.
 */
export interface DeezerCredentials {
  accessToken: string;
}

const BASE = '/partner/v1';
export const deezerId = (sub: TvSubscriber) => 7_000_000 + sub.seq;

/**
 * Deezer's published error table (https://developers.deezer.com/api/errors): TOKEN_INVALID
 * OAuthException 300, PARAMETER ParameterException 500, PARAMETER_MISSING MissingParameterException
 * 501, DATA_NOT_FOUND DataException 800. It has no "already exists": a login taken is a wrong
 * parameter (500), told apart by the HTTP status 409. Deezer needs no media types, so the two
 * media-type kinds never occur here; they render as the generic `Exception`.
 */
export const DEEZER_ERRORS = {
  TOKEN_INVALID: { type: 'OAuthException', code: 300 },
  PARAMETER: { type: 'ParameterException', code: 500 },
  PARAMETER_MISSING: { type: 'MissingParameterException', code: 501 },
  DATA_NOT_FOUND: { type: 'DataException', code: 800 },
} as const;

const errorTypes: Record<SimErrorKind, { type: string; code: number }> = {
  auth: DEEZER_ERRORS.TOKEN_INVALID,
  not_found: DEEZER_ERRORS.DATA_NOT_FOUND,
  conflict: DEEZER_ERRORS.PARAMETER,
  validation: DEEZER_ERRORS.PARAMETER,
  not_acceptable: { type: 'Exception', code: 0 },
  unsupported_media_type: { type: 'Exception', code: 0 },
};

/** The model's parse, telling a missing parameter (Deezer's PARAMETER_MISSING) from a wrong one. */
function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value ?? {});
  if (!parsed.success && parsed.error.issues.some((i) => i.code === 'invalid_type' && /received undefined/.test(i.message))) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.map(String).join('.') || 'body';
    throw new SimError('validation', 'missing', `${field}: missing`, field);
  }
  return parseInput(schema, value);
}

export function createDeezerFlavour(): TvFlavour<DeezerCredentials> {
  return {
    name: 'deezer',
    title: 'Deezer',
    basePath: BASE,
    defaultCredentials: { accessToken: 'deezer-sim-access-token' },
    defaultCatalog: [
      { code: 'DEEZER-PREMIUM', name: 'Deezer Premium', kind: 'base' },
      { code: 'DEEZER-FAMILY', name: 'Deezer Family', kind: 'base' },
      { code: 'DEEZER-HIFI', name: 'Deezer HiFi', kind: 'extra' },
      { code: 'DEEZER-AUDIOBOOKS', name: 'Audiobooks', kind: 'extra' },
    ],

    guard(req, { credentials }) {
      if ((req.query as Record<string, unknown>).access_token !== credentials.accessToken) throw new SimError('auth', 'token', 'Invalid OAuth access token.');
    },

    register: registerRoutes,

    renderError(err) {
      const t = err.kind === 'validation' && err.subject === 'missing' ? DEEZER_ERRORS.PARAMETER_MISSING : errorTypes[err.kind];
      return { status: httpStatusOf[err.kind], body: { error: { type: t.type, message: err.message, code: t.code } } };
    },
  };
}

function registerRoutes(app: FastifyInstance, { model }: FlavourContext<DeezerCredentials>): void {
  const account = (id: string) => model.where((s) => String(deezerId(s)) === id);
  const view = (sub: TvSubscriber) => ({
    id: deezerId(sub),
    partner_login: sub.login,
    display_name: sub.name ?? null,
    partner_ref: sub.externalId ?? null,
    status: sub.status === 'active' ? 'active' : 'paused',
    offer: sub.basePackage ?? null,
    options: sub.extraPackages,
  });

  route(app, 'GET', `${BASE}/ping`, { operation: 'health' }, () => ({ status: 'ok' }));

  route(app, 'GET', `${BASE}/accounts`, { operation: 'findSubscriber' }, (req) => {
    const { partner_login } = parse(z.object({ partner_login: z.string().min(1) }), req.query);
    const sub = model.byLogin(partner_login);
    return { data: sub ? [view(sub)] : [], total: sub ? 1 : 0 };
  });

  route(app, 'POST', `${BASE}/accounts`, { operation: 'createSubscriber' }, (req, reply) => {
    const b = parse(z.object({ partner_login: z.string(), display_name: z.string().optional(), partner_ref: z.string().optional() }), req.body);
    return reply.code(201).send(view(model.create({ login: b.partner_login, name: b.display_name, externalId: b.partner_ref })));
  });

  route(app, 'GET', `${BASE}/accounts/:id`, { operation: 'readSubscriber' }, (req) => view(account(req.params.id)));

  route(app, 'PUT', `${BASE}/accounts/:id/offer`, { operation: 'setBasePackage' }, (req) => {
    const sub = account(req.params.id);
    model.setBasePackage(sub, parse(z.object({ offer: z.string() }), req.body).offer);
    return view(sub);
  });

  route(app, 'POST', `${BASE}/accounts/:id/options`, { operation: 'addExtraPackage' }, (req) => {
    const sub = account(req.params.id);
    model.addExtraPackage(sub, parse(z.object({ option: z.string() }), req.body).option);
    return view(sub);
  });

  route(app, 'DELETE', `${BASE}/accounts/:id/options/:option`, { operation: 'removeExtraPackage' }, (req) => {
    const sub = account(req.params.id);
    model.removeExtraPackage(sub, req.params.option);
    return view(sub);
  });

  for (const [action, status] of [['pause', 'suspended'], ['resume', 'active']] as const) {
    route(app, 'POST', `${BASE}/accounts/:id/${action}`, { operation: 'setStatus' }, (req) => {
      const sub = account(req.params.id);
      model.setStatus(sub, status);
      return view(sub);
    });
  }

  route(app, 'DELETE', `${BASE}/accounts/:id`, { operation: 'removeSubscriber' }, (req, reply) => {
    model.remove(account(req.params.id));
    return reply.code(204).send();
  });
}

/** Found by flavours/index.ts: every module of this folder that exports a flavour factory by default is a flavour. */
export default createDeezerFlavour;
