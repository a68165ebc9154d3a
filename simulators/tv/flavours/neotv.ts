import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { SimError, httpStatusOf } from '../errors';
import { parseInput, route } from '../http';
import type { TvSubscriber } from '../model';
import { FlavourContext, TvFlavour, tvCatalog } from './flavour';

/**
 * NEO TV: JSON REST under /neo/api with HTTP Basic auth and Portuguese field names. Subscribers
 * are "users" with a numeric id_usuario, found by `radius_login`; packages by `codigo`
 * (pacote principal / pacotes adicionais); set-top points are `pontos` with a `local`.
 */
export interface NeoTvCredentials {
  username: string;
  password: string;
}

const BASE = '/neo/api';
const subjects: Record<string, string> = { subscriber: 'usuario', package: 'pacote', device: 'ponto', login: 'radius_login', credentials: 'credenciais' };
const kinds = { not_found: 'nao_encontrado', conflict: 'em_conflito', validation: 'invalido', auth: 'nao_autorizado', not_acceptable: 'formato_nao_aceito', unsupported_media_type: 'formato_nao_suportado' } as const;

export const neoTvId = (sub: TvSubscriber) => sub.seq;

export function createNeoTvFlavour(): TvFlavour<NeoTvCredentials> {
  return {
    name: 'neotv',
    title: 'NEO TV',
    basePath: BASE,
    defaultCredentials: { username: 'subsync', password: 'neotv-sim-password' },
    defaultCatalog: tvCatalog,

    guard(req, { credentials }) {
      const given = Buffer.from((/^Basic (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '').trim(), 'base64');
      const expected = Buffer.from(`${credentials.username}:${credentials.password}`);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new SimError('auth', 'credentials', 'usuário ou senha inválidos');
    },

    register: registerRoutes,

    renderError(err) {
      const headers: Record<string, string> = err.kind === 'auth' ? { 'www-authenticate': 'Basic realm="NEO TV"' } : {};
      return { status: httpStatusOf[err.kind], body: { erro: err.code ?? `${subjects[err.subject] ?? err.subject}_${kinds[err.kind]}`, mensagem: err.message, campo: err.field ?? null }, headers };
    },
  };
}

function registerRoutes(app: FastifyInstance, { model }: FlavourContext<NeoTvCredentials>): void {
  const user = (id: string) => model.where((s) => String(neoTvId(s)) === id);
  const view = (sub: TvSubscriber) => ({
    id_usuario: neoTvId(sub),
    radius_login: sub.login,
    nome: sub.name ?? null,
    codigo_externo: sub.externalId ?? null,
    status: sub.status === 'active' ? 'ativo' : 'suspenso',
    pacote_principal: sub.basePackage ?? null,
    pacotes_adicionais: sub.extraPackages,
    pontos: sub.devices.map((d) => ({ casn: d.casn, local: d.location ?? null })),
  });

  route(app, 'GET', `${BASE}/ping`, { operation: 'health' }, () => ({ ok: true }));

  route(app, 'GET', `${BASE}/users`, { operation: 'findSubscriber' }, (req) => {
    const { radius_login } = parseInput(z.object({ radius_login: z.string().min(1) }), req.query);
    const sub = model.byLogin(radius_login);
    return { users: sub ? [view(sub)] : [] };
  });

  route(app, 'POST', `${BASE}/users`, { operation: 'createSubscriber' }, (req, reply) => {
    const b = parseInput(z.object({ radius_login: z.string(), nome: z.string().optional(), codigo_externo: z.string().optional() }), req.body);
    return reply.code(201).send({ user: view(model.create({ login: b.radius_login, name: b.nome, externalId: b.codigo_externo })) });
  });

  route(app, 'GET', `${BASE}/users/:id`, { operation: 'readSubscriber' }, (req) => ({ user: view(user(req.params.id)) }));

  route(app, 'PUT', `${BASE}/users/:id/pacote-principal`, { operation: 'setBasePackage' }, (req) => {
    const sub = user(req.params.id);
    model.setBasePackage(sub, parseInput(z.object({ codigo: z.string() }), req.body).codigo);
    return { user: view(sub) };
  });

  route(app, 'POST', `${BASE}/users/:id/pacotes-adicionais`, { operation: 'addExtraPackage' }, (req) => {
    const sub = user(req.params.id);
    model.addExtraPackage(sub, parseInput(z.object({ codigo: z.string() }), req.body).codigo);
    return { user: view(sub) };
  });

  route(app, 'DELETE', `${BASE}/users/:id/pacotes-adicionais/:codigo`, { operation: 'removeExtraPackage' }, (req) => {
    const sub = user(req.params.id);
    model.removeExtraPackage(sub, req.params.codigo);
    return { user: view(sub) };
  });

  route(app, 'POST', `${BASE}/users/:id/pontos`, { operation: 'bindDevice' }, (req) => {
    const sub = user(req.params.id);
    const b = parseInput(z.object({ casn: z.string(), local: z.string().optional() }), req.body);
    model.bindDevice(sub, b.casn, b.local);
    return { user: view(sub) };
  });

  route(app, 'PUT', `${BASE}/users/:id/pontos/:casn`, { operation: 'swapDevice' }, (req) => {
    const sub = user(req.params.id);
    model.swapDevice(sub, req.params.casn, parseInput(z.object({ novo_casn: z.string() }), req.body).novo_casn);
    return { user: view(sub) };
  });

  route(app, 'DELETE', `${BASE}/users/:id/pontos/:casn`, { operation: 'unbindDevice' }, (req) => {
    const sub = user(req.params.id);
    model.unbindDevice(sub, req.params.casn);
    return { user: view(sub) };
  });

  route(app, 'PUT', `${BASE}/users/:id/status`, { operation: 'setStatus' }, (req) => {
    const sub = user(req.params.id);
    const { status } = parseInput(z.object({ status: z.enum(['ativo', 'suspenso']) }), req.body);
    model.setStatus(sub, status === 'ativo' ? 'active' : 'suspended');
    return { user: view(sub) };
  });

  route(app, 'DELETE', `${BASE}/users/:id`, { operation: 'removeSubscriber' }, (req) => {
    model.remove(user(req.params.id));
    return { removido: true };
  });
}

/** Found by flavours/index.ts: every module of this folder that exports a flavour factory by default is a flavour. */
export default createNeoTvFlavour;
