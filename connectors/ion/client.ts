import { connectorHttpDefaults } from '../http-defaults';
import axios, { AxiosInstance } from 'axios';
import type { z } from 'zod';
import { PermanentError } from '../errors';
import { callJson, callWrite, errorAnswer } from '../tv/http';
import { IonConfig, tokenSchema } from './schemas';

export interface IonRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path under /v1. */
  path: string;
  params?: Record<string, string>;
  body?: unknown;
  idempotencyKey?: string;
}

/** Refresh the token this long before ION says it expires (at most half its life), so no call goes out with a dying one. */
const EXPIRY_MARGIN_MS = 30_000;

/**
 * ION client: an OAuth 2 client-credentials token (RFC 6749 §4.4) from POST /oauth/token, kept
 * until shortly before it expires and shared by concurrent calls; a call refused with 401
 * (ION restarted and forgot its tokens) fetches a new token and is sent once more.
 */
export class IonClient {
  private readonly http: AxiosInstance;
  private token?: { value: string; expiresAt: number };
  private fetching?: Promise<string>;

  constructor(readonly system: string, private readonly config: IonConfig) {
    this.http = axios.create({ ...connectorHttpDefaults(), baseURL: config.url, timeout: config.timeoutMs, headers: { Accept: 'application/json' } });
  }

  request<T>(operation: string, req: IonRequest, response: z.ZodType<T>): Promise<T> {
    return this.withToken((headers) => callJson({ system: this.system, operation, http: this.http, request: this.axiosRequest(req, headers), response }));
  }

  /** A write where some ION refusals (409 PRODUCT_ALREADY_ACTIVE, ...) mean the state is already the wanted one. */
  write<T>(operation: string, req: IonRequest, response: z.ZodType<T>, alreadyDone: (status: number, body: unknown) => boolean): Promise<T | undefined> {
    return this.withToken((headers) => callWrite({ system: this.system, operation, http: this.http, request: this.axiosRequest(req, headers), response, alreadyDone }));
  }

  private axiosRequest(req: IonRequest, headers: Record<string, string>) {
    if (req.idempotencyKey) headers['Idempotency-Key'] = req.idempotencyKey;
    return { method: req.method, url: `/v1${req.path}`, params: req.params, data: req.body, headers };
  }

  private async withToken<T>(send: (headers: Record<string, string>) => Promise<T>): Promise<T> {
    try {
      return await send({ Authorization: `Bearer ${await this.accessToken()}` });
    } catch (err) {
      if (!(err instanceof PermanentError && err.reason === 'auth' && errorAnswer(err)?.status === 401)) throw err;
      this.token = undefined;
      return send({ Authorization: `Bearer ${await this.accessToken()}` });
    }
  }

  private accessToken(): Promise<string> {
    if (this.token && this.token.expiresAt > Date.now()) return Promise.resolve(this.token.value);
    this.fetching ??= this.fetchToken().finally(() => (this.fetching = undefined));
    return this.fetching;
  }

  private async fetchToken(): Promise<string> {
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: this.config.clientId, client_secret: this.config.clientSecret });
    // No public ION API reference; modelled on RFC 6749 §4.4 (client credentials): POST /oauth/token, form body.
    const res = await callJson({ system: this.system, operation: 'token', http: this.http, request: { method: 'POST', url: '/oauth/token', data: form }, response: tokenSchema });
    const lifetimeMs = res.expires_in * 1000;
    this.token = { value: res.access_token, expiresAt: Date.now() + lifetimeMs - Math.min(EXPIRY_MARGIN_MS, lifetimeMs / 2) };
    return res.access_token;
  }
}
