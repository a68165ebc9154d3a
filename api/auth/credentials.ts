import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { ApiCredential } from '../../store/entities';
import type { Store } from '../../store/store';
import { Permission, permissionsSchema } from './permissions';

/**
 * API credentials: name, description, permissions, expiration date (as the video resell
 * platform's). The key handed out is `ssk_<id>_<secret>`: the id finds the row, the secret is
 * 32 random bytes (256 bits). Only SHA-256(secret) is stored. A slow password hash (argon2,
 * scrypt) exists to make guessing a *low-entropy* password expensive; a 256-bit random secret
 * cannot be guessed however fast the hash, so a plain SHA-256 from node:crypto is the right
 * tool (as GitHub and Stripe store their tokens), compared in constant time. The secret is
 * shown once, by create and rotate, and can never be read back.
 */
const KEY_PREFIX = 'ssk_';
const KEY_PATTERN = /^ssk_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

export const credentialNameSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'lowercase letters, digits and . _ - (it names the credential in audit records)');

export const newCredentialSchema = z.strictObject({
  name: credentialNameSchema,
  description: z.string().max(500).default(''),
  permissions: permissionsSchema,
  expiresAt: z.date(),
});
export type NewCredential = z.input<typeof newCredentialSchema>;

/** A credential as listed: everything but the secret's hash. */
export interface CredentialInfo {
  id: string;
  name: string;
  description: string;
  permissions: Permission[];
  createdAt: Date;
  createdBy: string;
  expiresAt: Date;
  revokedAt?: Date;
  rotatedAt?: Date;
  lastUsedAt?: Date;
  state: 'active' | 'expired' | 'revoked';
}

/** Who called: what audit records and `submittedBy` name. */
export interface AuthenticatedCredential {
  id: string;
  name: string;
  permissions: Permission[];
}

export type Verification = { ok: true; credential: AuthenticatedCredential } | { ok: false; problem: 'malformed' | 'unknown' | 'revoked' | 'expired'; message: string };

export class CredentialError extends Error {
  override name = 'CredentialError';
}

const sha256 = (secret: string) => createHash('sha256').update(secret, 'utf8').digest('hex');
/** "<name> (<id>)": how audit records and events name a credential. */
export const credentialLabel = (c: { id: string; name: string }) => `${c.name} (${c.id})`;

/**
 * How long a credential read from the store is trusted without reading it again. The store is
 * read once per key every few seconds instead of on every request (one ORM query per API call);
 * a revoke or rotate made by another process (the CLI on the host) takes effect here within
 * this time, one made through this registry at once. Expiry is checked on every request.
 */
export const CREDENTIAL_RECHECK_MS = 5_000;

interface CachedCredential {
  row: Pick<ApiCredential, 'id' | 'name' | 'permissions' | 'secretHash' | 'expiresAt' | 'revokedAt'>;
  readAt: number;
}

export class CredentialRegistry {
  /** lastUsedAt is written at most once a minute per credential. */
  private readonly lastTouched = new Map<string, number>();
  /** Credentials read from the store by id, for CREDENTIAL_RECHECK_MS (only ids that exist). */
  private readonly recent = new Map<string, CachedCredential>();

  constructor(
    private readonly store: Store,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Creates a credential; the answer holds its key, which is never shown again. */
  async create(input: NewCredential, actor: string, options: { key?: string } = {}): Promise<{ credential: CredentialInfo; key: string }> {
    const spec = parseOrThrow(newCredentialSchema, input);
    if (spec.expiresAt.getTime() <= this.now().getTime()) throw new CredentialError(`expiresAt ${spec.expiresAt.toISOString()} is not in the future`);
    if (await this.store.credentialByName(spec.name)) throw new CredentialError(`a credential named "${spec.name}" already exists`);
    const { id, secret, key } = options.key ? parseKeyOrThrow(options.key) : newKey();
    if (await this.store.credentialById(id)) throw new CredentialError(`credential id ${id} is taken; create it again`);
    const row: ApiCredential = {
      id,
      name: spec.name,
      description: spec.description,
      permissions: spec.permissions as Record<string, unknown>[],
      secretHash: sha256(secret),
      createdAt: this.now(),
      createdBy: actor,
      expiresAt: spec.expiresAt,
      revokedAt: null,
      rotatedAt: null,
      lastUsedAt: null,
    };
    await this.store.insertCredential(row);
    await this.audit(row, 'credential.create', actor, { permissions: spec.permissions, expiresAt: spec.expiresAt.toISOString() });
    return { credential: this.info(row), key };
  }

  async list(): Promise<CredentialInfo[]> {
    return (await this.store.listCredentials()).map((row) => this.info(row));
  }

  /** A credential by its name or id. */
  async find(nameOrId: string): Promise<CredentialInfo | undefined> {
    const row = await this.row(nameOrId);
    return row && this.info(row);
  }

  /** A new secret for the credential (and optionally a new expiration date); the old key stops working at once. */
  async rotate(nameOrId: string, actor: string, options: { expiresAt?: Date } = {}): Promise<{ credential: CredentialInfo; key: string }> {
    const row = await this.mustRow(nameOrId);
    if (row.revokedAt) throw new CredentialError(`credential "${row.name}" is revoked; create a new one`);
    if (options.expiresAt && options.expiresAt.getTime() <= this.now().getTime()) throw new CredentialError(`expiresAt ${options.expiresAt.toISOString()} is not in the future`);
    const secret = newSecret();
    const rotatedAt = this.now();
    const expiresAt = options.expiresAt ?? row.expiresAt;
    await this.store.updateCredential(row.id, { secretHash: sha256(secret), rotatedAt, expiresAt });
    this.recent.delete(row.id);
    await this.audit(row, 'credential.rotate', actor, options.expiresAt ? { expiresAt: expiresAt.toISOString() } : {});
    return { credential: this.info({ ...row, rotatedAt, expiresAt }), key: `${KEY_PREFIX}${row.id}_${secret}` };
  }

  async revoke(nameOrId: string, actor: string): Promise<CredentialInfo> {
    const row = await this.mustRow(nameOrId);
    if (row.revokedAt) return this.info(row);
    const revokedAt = this.now();
    await this.store.updateCredential(row.id, { revokedAt });
    this.recent.delete(row.id);
    await this.audit(row, 'credential.revoke', actor);
    return this.info({ ...row, revokedAt });
  }

  /** Checks a presented key: the credential when it is known, matches, and is neither revoked nor expired. */
  async verify(key: string): Promise<Verification> {
    const parsed = KEY_PATTERN.exec(key);
    if (!parsed) return { ok: false, problem: 'malformed', message: 'the API key is not a subsync key (ssk_<id>_<secret>)' };
    const [, id, secret] = parsed;
    const now = this.now();
    const row = await this.rowForVerify(id, now.getTime());
    const presented = Buffer.from(sha256(secret), 'hex');
    // Compare even when the id is unknown, so both answers take the same time.
    const stored = Buffer.from(row?.secretHash ?? sha256(newSecret()), 'hex');
    const matches = timingSafeEqual(presented, stored) && row !== null;
    if (!matches || !row) return { ok: false, problem: 'unknown', message: 'unknown API key (or a key replaced by rotate)' };
    if (row.revokedAt) return { ok: false, problem: 'revoked', message: `API credential "${row.name}" was revoked at ${row.revokedAt.toISOString()}` };
    if (row.expiresAt.getTime() <= now.getTime()) return { ok: false, problem: 'expired', message: `API credential "${row.name}" expired at ${row.expiresAt.toISOString()}` };
    this.touch(row.id, now);
    return { ok: true, credential: { id: row.id, name: row.name, permissions: row.permissions as Permission[] } };
  }

  /** The credential's row, read from the store at most every CREDENTIAL_RECHECK_MS. */
  private async rowForVerify(id: string, now: number): Promise<CachedCredential['row'] | null> {
    const cached = this.recent.get(id);
    if (cached && now - cached.readAt < CREDENTIAL_RECHECK_MS && now >= cached.readAt) return cached.row;
    const row = await this.store.credentialById(id);
    // Unknown ids are not kept: a caller trying ids must not grow this map.
    if (!row) {
      this.recent.delete(id);
      return null;
    }
    const { name, permissions, secretHash, expiresAt, revokedAt } = row;
    this.recent.set(id, { row: { id, name, permissions, secretHash, expiresAt, revokedAt }, readAt: now });
    return row;
  }

  private touch(id: string, now: Date): void {
    const last = this.lastTouched.get(id) ?? 0;
    if (now.getTime() - last < 60_000) return;
    this.lastTouched.set(id, now.getTime());
    // Best effort: a busy store must not fail the request that used the key.
    void this.store.updateCredential(id, { lastUsedAt: now }).catch(() => undefined);
  }

  private async row(nameOrId: string): Promise<ApiCredential | undefined> {
    return (await this.store.credentialByName(nameOrId)) ?? (/^[0-9a-f]{12}$/.test(nameOrId) ? await this.store.credentialById(nameOrId) : null) ?? undefined;
  }

  private async mustRow(nameOrId: string): Promise<ApiCredential> {
    const row = await this.row(nameOrId);
    if (!row) throw new CredentialError(`no credential named "${nameOrId}"`);
    return row;
  }

  private info(row: ApiCredential): CredentialInfo {
    const state = row.revokedAt ? 'revoked' : row.expiresAt.getTime() <= this.now().getTime() ? 'expired' : 'active';
    return {
      id: row.id,
      name: row.name,
      description: row.description,
      permissions: row.permissions as Permission[],
      createdAt: row.createdAt,
      createdBy: row.createdBy,
      expiresAt: row.expiresAt,
      ...(row.revokedAt ? { revokedAt: row.revokedAt } : {}),
      ...(row.rotatedAt ? { rotatedAt: row.rotatedAt } : {}),
      ...(row.lastUsedAt ? { lastUsedAt: row.lastUsedAt } : {}),
      state,
    };
  }

  private audit(row: ApiCredential, action: string, actor: string, detail: Record<string, unknown> = {}): Promise<void> {
    return this.store.auditAction({ subscriberId: `@credential:${row.id}`, eventId: null, action, actor, credentialId: null, detail: { name: row.name, ...detail } });
  }
}

function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

function newKey(): { id: string; secret: string; key: string } {
  const id = randomBytes(6).toString('hex');
  const secret = newSecret();
  return { id, secret, key: `${KEY_PREFIX}${id}_${secret}` };
}

/** A key made elsewhere (a secret manager, a test), registered as is. */
function parseKeyOrThrow(key: string): { id: string; secret: string; key: string } {
  const m = KEY_PATTERN.exec(key);
  if (!m) throw new CredentialError('the key is not a subsync key (ssk_<12 hex>_<43 base64url characters>)');
  return { id: m[1], secret: m[2], key };
}

/** A fresh key in the subsync format, for provisioning (tests, a secret manager). */
export function generateApiKey(): string {
  return newKey().key;
}

function parseOrThrow<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const r = schema.safeParse(input);
  if (!r.success) throw new CredentialError(r.error.issues.map((i) => `${i.path.join('.') || '(credential)'}: ${i.message}`).join('; '));
  return r.data;
}
