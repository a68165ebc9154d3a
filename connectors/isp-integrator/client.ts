import { connectorHttpDefaults } from '../http-defaults';
import axios, { AxiosInstance } from 'axios';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Logger } from '../../domain/logger';
import { PermanentError } from '../errors';
import { fromHttpError } from '../http-errors';
import { measureCall } from '../measure';
import type { IspIntegratorConfig } from './config';

export interface IspRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  /** Sent as `Idempotency-Key` on writes; a fresh UUID when the caller has none. */
  idempotencyKey?: string;
}

/**
 * The ISP-Integrator REST client: bearer-token auth, timeouts, one Idempotency-Key per write,
 * zod-checked answers and the shared HTTP error mapping (5xx/network/timeout → TransientError,
 * 429 → RateLimitedError, other 4xx → PermanentError). Operations (operations/*.ts) build on it.
 */
export class IspIntegratorClient {
  private readonly http: AxiosInstance;

  constructor(readonly system: string, config: IspIntegratorConfig, private readonly logger?: Logger) {
    this.http = axios.create({
      ...connectorHttpDefaults(),
      baseURL: config.url.replace(/\/+$/, ''),
      timeout: config.timeoutMs,
      headers: { Authorization: `Bearer ${config.token}`, Accept: 'application/json' },
    });
  }

  /** Checks an operation's input before anything goes out; bad input is PermanentError('validation') naming the field. */
  input<S extends z.ZodType>(operation: string, schema: S, value: unknown): z.output<S> {
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    throw new PermanentError(this.system, operation, 'validation', `invalid input: ${describeIssues(parsed.error)}`, { cause: parsed.error });
  }

  /**
   * Sends one request and parses the answer with `schema`. Returns the HTTP status (201 vs 200 tells
   * "created") and whether the answer was a replay of an earlier request with the same Idempotency-Key.
   */
  send<S extends z.ZodType>(operation: string, req: IspRequest, schema: S): Promise<{ status: number; replayed: boolean; data: z.output<S> }> {
    return measureCall(this.system, operation, () => this.request(operation, req, schema));
  }

  private async request<S extends z.ZodType>(operation: string, req: IspRequest, schema: S): Promise<{ status: number; replayed: boolean; data: z.output<S> }> {
    const write = req.method !== 'GET';
    // A body-less POST would go out as a form; ISP-Integrator takes JSON only.
    const json = req.method === 'POST' || req.method === 'PUT' || req.method === 'PATCH';
    const started = Date.now();
    let response;
    try {
      response = await this.http.request({
        method: req.method,
        url: req.path,
        params: req.query,
        data: json ? (req.body ?? {}) : undefined,
        headers: write ? { 'Idempotency-Key': req.idempotencyKey ?? randomUUID() } : undefined,
      });
    } catch (err) {
      const mapped = fromHttpError(this.system, operation, err);
      this.logger?.warn({ system: this.system, operation, method: req.method, path: req.path, ms: Date.now() - started, error: mapped.message }, 'isp-integrator call failed');
      throw mapped;
    }
    this.logger?.debug({ system: this.system, operation, method: req.method, path: req.path, status: response.status, ms: Date.now() - started }, 'isp-integrator call');
    const parsed = schema.safeParse(response.data);
    if (!parsed.success) {
      throw new PermanentError(this.system, operation, 'rejected', `malformed response: ${describeIssues(parsed.error)}`, { cause: parsed.error });
    }
    return { status: response.status, replayed: response.headers['idempotent-replayed'] === 'true', data: parsed.data };
  }

  async call<S extends z.ZodType>(operation: string, req: IspRequest, schema: S): Promise<z.output<S>> {
    return (await this.send(operation, req, schema)).data;
  }
}

/** Path of one contracted plan, ids URL-encoded. */
export function contractedPlanPath(ref: { customerId: string; contractedPlanId: string }): string {
  return `/customers/${encodeURIComponent(ref.customerId)}/plans/${encodeURIComponent(ref.contractedPlanId)}`;
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}
