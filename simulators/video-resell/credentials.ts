import { randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * API credentials and the OAuth2 tokens issued for them. A credential (created on the API
 * Credentials page: name, description, permissions, expiration date) is an OAuth2 client; its
 * id and secret are exchanged at /oauth/token for a short-lived bearer token that carries the
 * credential's permissions and never outlives the credential. Refresh tokens are single-use.
 * Rotating a credential issues a new secret and a new expiration date; the old secret keeps
 * working for a grace period so other workers holding it are not cut off at once.
 */
export interface ApiCredential {
  id: string;
  name: string;
  description?: string;
  permissions: string[];
  /** Epoch ms. */
  expiresAt: number;
  secret: string;
  previousSecret?: { secret: string; validUntil: number };
  revoked: boolean;
  createdAt: number;
  updatedAt: number;
}

interface Token {
  credentialId: string;
  expiresAt: number;
}

export type TokenGrant =
  | { ok: true; accessToken: string; refreshToken: string; expiresIn: number }
  | { ok: false; status: 400 | 401; error: string; description: string };

export class CredentialStore {
  readonly credentials = new Map<string, ApiCredential>();
  private readonly access = new Map<string, Token>();
  private readonly refresh = new Map<string, Token>();
  private readonly issued: string[] = [];
  /** How many tokens each grant type issued: tests read it to see a refresh happen. */
  readonly grants = { client_credentials: 0, refresh_token: 0 };

  constructor(
    private readonly now: () => number,
    private readonly tokenTtlSeconds: number,
    private readonly rotationGraceSeconds: number,
  ) {}

  reset(): void {
    this.credentials.clear();
    this.access.clear();
    this.refresh.clear();
    this.grants.client_credentials = 0;
    this.grants.refresh_token = 0;
    this.issued.length = 0;
  }

  create(input: { id?: string; name: string; description?: string; permissions: string[]; expiresAt: number; secret?: string }): ApiCredential {
    const now = this.now();
    const credential: ApiCredential = {
      id: input.id ?? randomId(16),
      name: input.name,
      description: input.description,
      permissions: [...new Set(input.permissions)],
      expiresAt: input.expiresAt,
      secret: input.secret ?? randomBytes(30).toString('base64url'),
      revoked: false,
      createdAt: now,
      updatedAt: now,
    };
    this.credentials.set(credential.id, credential);
    return credential;
  }

  clientCredentialsGrant(clientId: unknown, clientSecret: unknown): TokenGrant {
    const credential = this.client(clientId, clientSecret);
    if (!credential) return { ok: false, status: 401, error: 'invalid_client', description: 'Client authentication failed' };
    this.grants.client_credentials++;
    return this.issue(credential);
  }

  refreshTokenGrant(clientId: unknown, clientSecret: unknown, refreshToken: unknown): TokenGrant {
    const credential = this.client(clientId, clientSecret);
    if (!credential) return { ok: false, status: 401, error: 'invalid_client', description: 'Client authentication failed' };
    const token = typeof refreshToken === 'string' ? this.refresh.get(refreshToken) : undefined;
    if (!token || token.credentialId !== credential.id || token.expiresAt <= this.now()) {
      return { ok: false, status: 400, error: 'invalid_grant', description: 'The refresh token is invalid.' };
    }
    this.refresh.delete(refreshToken as string);
    this.grants.refresh_token++;
    return this.issue(credential);
  }

  /** The credential behind a bearer token, if the token and the credential are both still valid. */
  authenticate(accessToken: string): ApiCredential | undefined {
    const token = this.access.get(accessToken);
    const now = this.now();
    if (!token || token.expiresAt <= now) return undefined;
    const credential = this.credentials.get(token.credentialId);
    return credential && !credential.revoked && credential.expiresAt > now ? credential : undefined;
  }

  /** Revokes every access and refresh token (as the platform's DELETE /logout does for one); credentials stay. */
  revokeTokens(): void {
    this.access.clear();
    this.refresh.clear();
  }

  /** Every access and refresh token issued since the last reset: tests look for them in log output. */
  issuedTokens(): string[] {
    return [...this.issued];
  }

  rotate(credential: ApiCredential, expiresAt: number): ApiCredential {
    const now = this.now();
    credential.previousSecret = { secret: credential.secret, validUntil: now + this.rotationGraceSeconds * 1000 };
    credential.secret = randomBytes(30).toString('base64url');
    credential.expiresAt = expiresAt;
    credential.updatedAt = now;
    return credential;
  }

  private client(clientId: unknown, clientSecret: unknown): ApiCredential | undefined {
    if (typeof clientId !== 'string' || typeof clientSecret !== 'string') return undefined;
    const credential = this.credentials.get(clientId);
    const now = this.now();
    if (!credential || credential.revoked || credential.expiresAt <= now) return undefined;
    if (same(credential.secret, clientSecret)) return credential;
    const previous = credential.previousSecret;
    return previous && previous.validUntil > now && same(previous.secret, clientSecret) ? credential : undefined;
  }

  private issue(credential: ApiCredential): TokenGrant {
    const now = this.now();
    const expiresAt = Math.min(now + this.tokenTtlSeconds * 1000, credential.expiresAt);
    const accessToken = randomBytes(32).toString('base64url');
    const refreshToken = randomBytes(32).toString('base64url');
    this.access.set(accessToken, { credentialId: credential.id, expiresAt });
    this.refresh.set(refreshToken, { credentialId: credential.id, expiresAt: credential.expiresAt });
    this.issued.push(accessToken, refreshToken);
    return { ok: true, accessToken, refreshToken, expiresIn: Math.max(0, Math.floor((expiresAt - now) / 1000)) };
  }
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Ids in the shape the platform's API shows (e.g. "pEGXxmeyPkq25wlM"). */
export function randomId(length: number): string {
  const bytes = randomBytes(length);
  let id = '';
  for (const b of bytes) id += ALPHABET[b % ALPHABET.length];
  return id;
}
