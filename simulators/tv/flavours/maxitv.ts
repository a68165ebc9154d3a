import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { SimError, httpStatusOf } from '../errors';
import { acceptFormBodies, parseInput, route } from '../http';
import type { TvModel, TvSubscriber } from '../model';
import { FlavourContext, TvFlavour, tvCatalog } from './flavour';

/**
 * Maxi TV: REST under /api/v1 with a static bearer API token; writes take HTML-form bodies
 * (application/x-www-form-urlencoded), answers are JSON with Portuguese field names.
 * Subscribers are `assinantes` found by `login_radius`; packages are numeric ids (`id_pacote`,
 * listed with their `sigla`); points are `pontos` with a `localizacao`. A point posted twice
 * answers 409 PONTO_JA_CADASTRADO; deleting an absent point answers 404 PONTO_NAO_ENCONTRADO.
 */
export interface MaxiTvCredentials {
  apiToken: string;
}

const BASE = '/api/v1';
const FORM = 'application/x-www-form-urlencoded';
const codes: Record<string, string> = {
  'not_found:subscriber': 'ASSINANTE_NAO_ENCONTRADO',
  'conflict:subscriber': 'LOGIN_RADIUS_JA_CADASTRADO',
  'not_found:package': 'PACOTE_NAO_ENCONTRADO',
  'validation:package': 'TIPO_DE_PACOTE_INVALIDO',
  'not_found:device': 'PONTO_NAO_ENCONTRADO',
  'conflict:device': 'PONTO_EM_USO',
};

export const maxiTvId = (sub: TvSubscriber) => 50_000 + sub.seq;

export function createMaxiTvFlavour(): TvFlavour<MaxiTvCredentials> {
  return {
    name: 'maxitv',
    title: 'Maxi TV',
    basePath: BASE,
    defaultCredentials: { apiToken: 'maxitv-sim-api-token' },
    defaultCatalog: tvCatalog,

    guard(req, { credentials }) {
      if (req.body !== undefined && !req.headers['content-type']?.toLowerCase().startsWith(FORM)) {
        throw new SimError('unsupported_media_type', 'content_type', `envie o corpo como ${FORM}`, 'Content-Type', 'FORMATO_NAO_SUPORTADO');
      }
      const given = Buffer.from(/^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '');
      const expected = Buffer.from(credentials.apiToken);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new SimError('auth', 'token', 'token de API inválido', 'Authorization', 'TOKEN_INVALIDO');
    },

    register(app, ctx) {
      acceptFormBodies(app);
      registerRoutes(app, ctx);
    },

    renderError(err) {
      const code = err.code ?? codes[`${err.kind}:${err.subject}`] ?? (err.kind === 'validation' ? 'PARAMETRO_INVALIDO' : `${err.subject}_${err.kind}`.toUpperCase());
      return { status: httpStatusOf[err.kind], body: { codigo: code, mensagem: err.message, campo: err.field ?? null } };
    },
  };
}

function registerRoutes(app: FastifyInstance, { model }: FlavourContext<MaxiTvCredentials>): void {
  const assinante = (id: string) => model.where((s) => String(maxiTvId(s)) === id);
  const pacote = (id: number) => model.packageWhere((p) => p.id === id, `#${id}`);
  const view = (sub: TvSubscriber) => assinanteView(model, sub);
  const idPacote = z.object({ id_pacote: z.coerce.number().int() });

  route(app, 'GET', `${BASE}/status`, { operation: 'health' }, () => ({ status: 'OK' }));

  route(app, 'GET', `${BASE}/pacotes`, { operation: 'listPackages' }, () => ({
    pacotes: model.packages().map((p) => ({ id: p.id, sigla: p.code, nome: p.name, tipo: p.kind === 'base' ? 'BASICO' : 'ADICIONAL' })),
  }));

  route(app, 'GET', `${BASE}/assinantes`, { operation: 'findSubscriber' }, (req) => {
    const { login_radius } = parseInput(z.object({ login_radius: z.string().min(1) }), req.query);
    const sub = model.byLogin(login_radius);
    return { assinantes: sub ? [view(sub)] : [] };
  });

  route(app, 'POST', `${BASE}/assinantes`, { operation: 'createSubscriber' }, (req, reply) => {
    const b = parseInput(z.object({ login_radius: z.string(), nome: z.string().optional(), codigo_cliente: z.string().optional() }), req.body);
    return reply.code(201).send({ assinante: view(model.create({ login: b.login_radius, name: b.nome, externalId: b.codigo_cliente })) });
  });

  route(app, 'GET', `${BASE}/assinantes/:id`, { operation: 'readSubscriber' }, (req) => ({ assinante: view(assinante(req.params.id)) }));

  route(app, 'PUT', `${BASE}/assinantes/:id/pacote-basico`, { operation: 'setBasePackage' }, (req) => {
    const sub = assinante(req.params.id);
    model.setBasePackage(sub, pacote(parseInput(idPacote, req.body).id_pacote).code);
    return { assinante: view(sub) };
  });

  route(app, 'POST', `${BASE}/assinantes/:id/adicionais`, { operation: 'addExtraPackage' }, (req) => {
    const sub = assinante(req.params.id);
    model.addExtraPackage(sub, pacote(parseInput(idPacote, req.body).id_pacote).code);
    return { assinante: view(sub) };
  });

  route(app, 'DELETE', `${BASE}/assinantes/:id/adicionais/:idPacote`, { operation: 'removeExtraPackage' }, (req, reply) => {
    model.removeExtraPackage(assinante(req.params.id), pacote(Number(req.params.idPacote)).code);
    return reply.code(204).send();
  });

  route(app, 'POST', `${BASE}/assinantes/:id/pontos`, { operation: 'bindDevice' }, (req, reply) => {
    const sub = assinante(req.params.id);
    const b = parseInput(z.object({ casn: z.string(), localizacao: z.string().optional() }), req.body);
    const existed = sub.devices.some((d) => d.casn === b.casn);
    if (!model.bindDevice(sub, b.casn, b.localizacao)) throw new SimError('conflict', 'device', `ponto ${b.casn} já cadastrado`, 'casn', 'PONTO_JA_CADASTRADO');
    return reply.code(existed ? 200 : 201).send({ assinante: view(sub) });
  });

  route(app, 'POST', `${BASE}/assinantes/:id/pontos/:casn/troca`, { operation: 'swapDevice' }, (req) => {
    const sub = assinante(req.params.id);
    model.swapDevice(sub, req.params.casn, parseInput(z.object({ novo_casn: z.string() }), req.body).novo_casn);
    return { assinante: view(sub) };
  });

  route(app, 'DELETE', `${BASE}/assinantes/:id/pontos/:casn`, { operation: 'unbindDevice' }, (req, reply) => {
    if (!model.unbindDevice(assinante(req.params.id), req.params.casn)) throw new SimError('not_found', 'device', `ponto ${req.params.casn} não encontrado`, 'casn');
    return reply.code(204).send();
  });

  route(app, 'POST', `${BASE}/assinantes/:id/bloqueio`, { operation: 'setStatus' }, (req) => {
    const sub = assinante(req.params.id);
    model.setStatus(sub, 'suspended');
    return { assinante: view(sub) };
  });

  route(app, 'DELETE', `${BASE}/assinantes/:id/bloqueio`, { operation: 'setStatus' }, (req) => {
    const sub = assinante(req.params.id);
    model.setStatus(sub, 'active');
    return { assinante: view(sub) };
  });

  route(app, 'DELETE', `${BASE}/assinantes/:id`, { operation: 'removeSubscriber' }, (req, reply) => {
    model.remove(assinante(req.params.id));
    return reply.code(204).send();
  });
}

function assinanteView(model: TvModel, sub: TvSubscriber) {
  return {
    id: maxiTvId(sub),
    login_radius: sub.login,
    nome: sub.name ?? null,
    codigo_cliente: sub.externalId ?? null,
    situacao: sub.status === 'active' ? 'ATIVO' : 'BLOQUEADO',
    pacote_basico: sub.basePackage === undefined ? null : model.package(sub.basePackage).id,
    adicionais: sub.extraPackages.map((code) => model.package(code).id),
    pontos: sub.devices.map((d) => ({ casn: d.casn, localizacao: d.location ?? null })),
  };
}

/** Found by flavours/index.ts: every module of this folder that exports a flavour factory by default is a flavour. */
export default createMaxiTvFlavour;
