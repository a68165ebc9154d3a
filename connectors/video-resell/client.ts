import http from 'node:http';
import https from 'node:https';
import axios, { AxiosInstance, AxiosRequestConfig, isAxiosError } from 'axios';
import type { z } from 'zod';
import { PermanentError } from '../errors';
import { measureCall } from '../measure';
import type { CredentialManager } from './credentials';
import { toConnectorError } from './errors';
import { SYSTEM } from './schemas';

/** One axios instance per connector: timeouts and a keep-alive pool of its own. */
export function createHttp(url: string, timeoutMs: number): AxiosInstance {
  return axios.create({
    baseURL: url.replace(/\/+$/, ''),
    timeout: timeoutMs,
    headers: { Accept: 'application/json' },
    httpAgent: new http.Agent({ keepAlive: true }),
    httpsAgent: new https.Agent({ keepAlive: true }),
  });
}

/**
 * The platform's REST API under /api/v1 with a bearer token from the credential manager. A 401
 * means the token was refused (revoked or expired early): the call is repeated once with a new
 * token; a second 401 or a 403 (the credential lacks the permission) is PermanentError 'auth'.
 */
export class VideoResellClient {
  constructor(
    private readonly http: AxiosInstance,
    private readonly credentials: CredentialManager,
  ) {}

  call<S extends z.ZodType>(operation: string, request: AxiosRequestConfig, answer: S): Promise<z.output<S>> {
    return measureCall(SYSTEM, operation, () => this.parsed(operation, request, answer));
  }

  private async parsed<S extends z.ZodType>(operation: string, request: AxiosRequestConfig, answer: S): Promise<z.output<S>> {
    const data = await this.send(operation, request, true);
    const parsed = answer.safeParse(data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new PermanentError(SYSTEM, operation, 'rejected', `unexpected answer: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
    }
    return parsed.data;
  }

  private async send(operation: string, request: AxiosRequestConfig, retryOn401: boolean): Promise<unknown> {
    const token = await this.credentials.accessToken();
    try {
      const response = await this.http.request({ ...request, url: `/api/v1${request.url}`, headers: { ...request.headers, Authorization: `Bearer ${token}` } });
      return response.data;
    } catch (err) {
      if (retryOn401 && isAxiosError(err) && err.response?.status === 401) {
        this.credentials.invalidate(token);
        return this.send(operation, request, false);
      }
      throw toConnectorError(SYSTEM, operation, err);
    }
  }
}

/** Checks what we are about to send; bad input never reaches the platform. */
export function parseInput<S extends z.ZodType>(operation: string, schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.path.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)), '');
    throw new PermanentError(SYSTEM, operation, 'validation', `${field || '(root)'}: ${issue.message}`);
  }
  return parsed.data;
}
