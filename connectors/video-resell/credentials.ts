import type { AxiosInstance } from 'axios';
import { PermanentError } from '../errors';
import type { Logger } from '../../domain/logger';
import type { CredentialStore, StoredCredential } from './credential-store';
import { getCurrentCredential } from './operations/get-current-credential';
import { requestToken, TokenRequest } from './operations/request-token';
import { rotateCredential } from './operations/rotate-credential';
import { SYSTEM } from './schemas';

export interface CredentialPolicy {
  /** Get a new access token when the current one has less than this left. */
  refreshBeforeMs: number;
  /** Rotate the API credential when it has less than this left before its expiration date. */
  rotateBeforeMs: number;
  /** How long a rotated credential is valid. */
  rotateValidityMs: number;
  /** How often to look at the credential's expiration date. */
  checkEveryMs: number;
}

interface Token {
  value: string;
  refresh?: string;
  expiresAt: number;
}

/**
 * Keeps the connector authenticated. The platform's documented flow: exchange credentials at
 * /oauth/token for a short-lived bearer token and renew it with the refresh_token grant before
 * it expires. On top (assumed, see README): the API credential itself has an expiration date,
 * so before it comes the credential is rotated and the new secret saved to the credential store.
 * Secrets and tokens never go into a log line or an error.
 */
export class CredentialManager {
  private credential?: StoredCredential;
  private token?: Token;
  private pending?: Promise<Token>;
  private checkedAt = -Infinity;
  private checking?: Promise<void>;

  constructor(
    private readonly http: AxiosInstance,
    private readonly configured: StoredCredential,
    private readonly store: CredentialStore,
    private readonly policy: CredentialPolicy,
    private readonly now: () => number,
    private readonly logger: Logger,
  ) {}

  /** A valid access token, renewed or re-issued when it is about to expire; concurrent callers share one request. */
  async accessToken(): Promise<string> {
    if (this.token && this.token.expiresAt - this.now() > this.policy.refreshBeforeMs) {
      await this.maybeRotate(this.token.value);
      return this.token.value;
    }
    this.pending ??= this.renew().finally(() => {
      this.pending = undefined;
    });
    const token = await this.pending;
    await this.maybeRotate(token.value);
    return token.value;
  }

  /** The platform refused this token (revoked, expired early): the next call gets a new one. */
  invalidate(token: string): void {
    if (this.token?.value === token) this.token = undefined;
  }

  private async renew(): Promise<Token> {
    const credential = await this.current();
    if (this.token?.refresh) {
      try {
        return this.keep(await requestToken(this.http, { grant_type: 'refresh_token', client_id: credential.clientId, client_secret: credential.clientSecret, refresh_token: this.token.refresh }));
      } catch (err) {
        if (!(err instanceof PermanentError)) throw err;
        this.logger.info({ credentialId: credential.clientId }, 'video-resell refresh token refused; requesting a new access token');
      }
    }
    try {
      return this.keep(await this.exchange(credential));
    } catch (err) {
      if (!(err instanceof PermanentError && err.reason === 'auth')) throw err;
      // Another worker may have rotated the credential: the store then holds the newer secret.
      const stored = await this.store.load();
      if (!stored || stored.clientId !== credential.clientId || stored.clientSecret === credential.clientSecret) throw this.refused(credential);
      this.credential = stored;
      try {
        return this.keep(await this.exchange(stored));
      } catch (retryErr) {
        if (retryErr instanceof PermanentError && retryErr.reason === 'auth') throw this.refused(stored);
        throw retryErr;
      }
    }
  }

  private exchange(credential: StoredCredential) {
    const body: TokenRequest = { grant_type: 'client_credentials', client_id: credential.clientId, client_secret: credential.clientSecret };
    return requestToken(this.http, body);
  }

  private keep(answer: { access_token: string; refresh_token?: string; expires_in: number }): Token {
    this.token = { value: answer.access_token, refresh: answer.refresh_token, expiresAt: this.now() + answer.expires_in * 1000 };
    return this.token;
  }

  /** The stored credential when it belongs to the configured client (it may be a rotated one), else the configured one. */
  private async current(): Promise<StoredCredential> {
    if (!this.credential) {
      const stored = await this.store.load();
      this.credential = stored && stored.clientId === this.configured.clientId ? stored : this.configured;
    }
    return this.credential;
  }

  /** Looks at the credential's expiration date now and then; a failed look is logged and tried again on the next call. */
  private async maybeRotate(accessToken: string): Promise<void> {
    if (this.now() - this.checkedAt < this.policy.checkEveryMs) return;
    this.checking ??= this.checkExpiry(accessToken)
      .then(() => {
        this.checkedAt = this.now();
      })
      .catch((err: unknown) => {
        this.logger.warn({ error: err instanceof Error ? err.message : String(err) }, 'video-resell API credential check failed; trying again on the next call');
      })
      .finally(() => {
        this.checking = undefined;
      });
    await this.checking;
  }

  private async checkExpiry(accessToken: string): Promise<void> {
    const info = await getCurrentCredential(this.http, accessToken);
    const credential = await this.current();
    const expiresAt = Date.parse(info.expires_at);
    if (expiresAt - this.now() > this.policy.rotateBeforeMs) {
      this.credential = { ...credential, expiresAt: info.expires_at };
      return;
    }
    const rotated = await rotateCredential(this.http, accessToken, { credentialId: info.id, expiresAt: new Date(this.now() + this.policy.rotateValidityMs).toISOString() });
    this.credential = { clientId: rotated.id, clientSecret: rotated.client_secret, expiresAt: rotated.expires_at };
    await this.store.save(this.credential);
    this.logger.info({ credentialId: rotated.id, previousExpiresAt: info.expires_at, expiresAt: rotated.expires_at }, 'video-resell API credential rotated');
  }

  private refused(credential: StoredCredential): PermanentError {
    return new PermanentError(SYSTEM, 'token', 'auth', `API credential "${credential.clientId}" was refused (expired, revoked or wrong secret)`);
  }
}
