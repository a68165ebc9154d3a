import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { SimError } from '../errors';
import type { TvModel, TvSeedPackage } from '../model';

export interface FlavourContext<C> {
  model: TvModel;
  credentials: C;
  /** Lifetime of issued access tokens (ION). */
  tokenTtlSeconds: number;
}

export interface ErrorAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/**
 * One TV platform's dialect over the shared model: its auth, paths, field names, ids, media
 * types and error form. A flavour object is created per simulator, so its sessions (ION tokens,
 * Beenius nonces) belong to that simulator.
 */
export interface TvFlavour<C> {
  readonly name: string;
  /** The platform's name as operators know it. */
  readonly title: string;
  /** Where the API lives under the server's URL. */
  readonly basePath: string;
  readonly defaultCredentials: C;
  readonly defaultCatalog: TvSeedPackage[];
  /** Content-type parsers and routes. */
  register(app: FastifyInstance, ctx: FlavourContext<C>): void;
  /** Media types and credentials, checked before idempotency replay and the handler; throws SimError. */
  guard(req: FastifyRequest, ctx: FlavourContext<C>): void;
  renderError(err: SimError): ErrorAnswer;
  /** Names the operation of a request for fault targeting, when the route config cannot (MCR's ?call=). */
  operationOf?(req: FastifyRequest): string;
  /** Forgets sessions (tokens, nonces) on reset. */
  reset?(): void;
}

/** The default TV catalog (Portuguese names as a Brazilian ISP sells them). */
export const tvCatalog: TvSeedPackage[] = [
  { code: 'BASICO', name: 'Pacote Básico', kind: 'base' },
  { code: 'TOP', name: 'Pacote Top', kind: 'base' },
  { code: 'HBO', name: 'HBO Max', kind: 'extra' },
  { code: 'TELECINE', name: 'Telecine', kind: 'extra' },
  { code: 'ESPORTES', name: 'Esportes+', kind: 'extra' },
];
