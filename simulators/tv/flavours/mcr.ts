import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { SimError } from '../errors';
import { parseInput, route } from '../http';
import type { TvSubscriber } from '../model';
import { FlavourContext, TvFlavour, tvCatalog } from './flavour';

/**
 * MCR: an RPC-style API. Every call is POST /api/?call=<name> with a JSON body
 * { token, params }; every answer is HTTP 200 with { status: "ok", result } or
 * { status: "error", error: { code, message } } (only transport trouble shows as an HTTP
 * status). Look-ups go through view.detail, as ISP-Integrator's integration requires;
 * everything is addressed by login.
 */
export interface McrCredentials {
  token: string;
}

/** MCR call → the operation name faults target. */
export const mcrCalls: Record<string, string> = {
  ping: 'health',
  'view.detail': 'findSubscriber',
  'subscriber.create': 'createSubscriber',
  'package.base': 'setBasePackage',
  'package.add': 'addExtraPackage',
  'package.remove': 'removeExtraPackage',
  'point.add': 'bindDevice',
  'point.remove': 'unbindDevice',
  'point.swap': 'swapDevice',
  'subscriber.block': 'setStatus',
  'subscriber.unblock': 'setStatus',
  'subscriber.delete': 'removeSubscriber',
};

const errorCodes: Record<string, string> = {
  'not_found:subscriber': 'SUBSCRIBER_NOT_FOUND',
  'not_found:package': 'PACKAGE_NOT_FOUND',
  'not_found:device': 'POINT_NOT_FOUND',
  'not_found:call': 'UNKNOWN_CALL',
  'conflict:subscriber': 'LOGIN_IN_USE',
  'conflict:device': 'POINT_IN_USE',
};

const callOf = (req: FastifyRequest) => (req.query as Record<string, string | undefined>).call ?? '';

export function createMcrFlavour(): TvFlavour<McrCredentials> {
  return {
    name: 'mcr',
    title: 'MCR',
    basePath: '/api/',
    defaultCredentials: { token: 'mcr-sim-token' },
    defaultCatalog: tvCatalog,

    guard(req, { credentials }) {
      const token = (req.body as { token?: unknown } | undefined)?.token;
      if (token !== credentials.token) throw new SimError('auth', 'token', 'invalid token');
    },

    register: registerRoutes,

    renderError(err) {
      const code = err.code ?? (err.kind === 'auth' ? 'AUTH_FAILED' : err.kind === 'validation' ? 'INVALID_PARAM' : errorCodes[`${err.kind}:${err.subject}`] ?? 'INVALID_REQUEST');
      return { status: 200, body: { status: 'error', error: { code, message: err.message } } };
    },

    operationOf: (req) => mcrCalls[callOf(req)] ?? `call:${callOf(req)}`,
  };
}

function registerRoutes(app: FastifyInstance, { model }: FlavourContext<McrCredentials>): void {
  const login = z.object({ login: z.string().min(1) });
  const pkg = login.extend({ package: z.string().min(1) });
  const subscriber = (l: string) => {
    const sub = model.byLogin(l);
    if (!sub) throw new SimError('not_found', 'subscriber', `no subscriber with login ${l}`, 'login');
    return sub;
  };
  const detail = (sub: TvSubscriber) => ({ subscriber: subscriberDetail(sub) });

  const calls: Record<string, (params: unknown) => unknown> = {
    ping: () => ({ pong: true }),
    'view.detail': (p) => {
      const sub = model.byLogin(parseInput(login, p).login);
      return { subscriber: sub ? subscriberDetail(sub) : null };
    },
    'subscriber.create': (p) => {
      const b = parseInput(login.extend({ name: z.string().optional(), ref: z.string().optional() }), p);
      return detail(model.create({ login: b.login, name: b.name, externalId: b.ref }));
    },
    'package.base': (p) => {
      const b = parseInput(pkg, p);
      const sub = subscriber(b.login);
      model.setBasePackage(sub, b.package);
      return detail(sub);
    },
    'package.add': (p) => {
      const b = parseInput(pkg, p);
      const sub = subscriber(b.login);
      model.addExtraPackage(sub, b.package);
      return detail(sub);
    },
    'package.remove': (p) => {
      const b = parseInput(pkg, p);
      const sub = subscriber(b.login);
      model.removeExtraPackage(sub, b.package);
      return detail(sub);
    },
    'point.add': (p) => {
      const b = parseInput(login.extend({ casn: z.string(), place: z.string().optional() }), p);
      const sub = subscriber(b.login);
      model.bindDevice(sub, b.casn, b.place);
      return detail(sub);
    },
    'point.remove': (p) => {
      const b = parseInput(login.extend({ casn: z.string() }), p);
      const sub = subscriber(b.login);
      model.unbindDevice(sub, b.casn);
      return detail(sub);
    },
    'point.swap': (p) => {
      const b = parseInput(login.extend({ casn: z.string(), new_casn: z.string() }), p);
      const sub = subscriber(b.login);
      model.swapDevice(sub, b.casn, b.new_casn);
      return detail(sub);
    },
    'subscriber.block': (p) => {
      const sub = subscriber(parseInput(login, p).login);
      model.setStatus(sub, 'suspended');
      return detail(sub);
    },
    'subscriber.unblock': (p) => {
      const sub = subscriber(parseInput(login, p).login);
      model.setStatus(sub, 'active');
      return detail(sub);
    },
    'subscriber.delete': (p) => {
      model.remove(subscriber(parseInput(login, p).login));
      return { deleted: true };
    },
  };

  route(app, 'POST', '/api/', { operation: 'rpc' }, (req) => {
    const call = calls[callOf(req)];
    if (!call) throw new SimError('not_found', 'call', `unknown call "${callOf(req)}"`, 'call');
    const { params } = parseInput(z.object({ params: z.record(z.string(), z.unknown()).default({}) }), req.body);
    return { status: 'ok', result: call(params) };
  });
}

function subscriberDetail(sub: TvSubscriber) {
  return {
    code: `MCR${String(sub.seq).padStart(6, '0')}`,
    login: sub.login,
    name: sub.name ?? null,
    ref: sub.externalId ?? null,
    situation: sub.status === 'active' ? 'A' : 'S',
    base: sub.basePackage ?? null,
    extras: sub.extraPackages,
    points: sub.devices.map((d) => ({ casn: d.casn, place: d.location ?? null })),
  };
}

/** Found by flavours/index.ts: every module of this folder that exports a flavour factory by default is a flavour. */
export default createMcrFlavour;
