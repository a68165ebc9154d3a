import { connectorHttpDefaults } from '../http-defaults';
import axios, { AxiosInstance } from 'axios';
import type { z } from 'zod';
import { callJson } from '../tv/http';
import type { NeoTvConfig } from './schemas';

export interface NeoTvRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path under /neo/api. */
  path: string;
  params?: Record<string, string>;
  body?: unknown;
  idempotencyKey?: string;
}

/** NEO TV REST client: JSON under /neo/api with HTTP Basic auth on every call. */
export class NeoTvClient {
  private readonly http: AxiosInstance;

  constructor(readonly system: string, config: NeoTvConfig) {
    this.http = axios.create({
      ...connectorHttpDefaults(),
      baseURL: `${config.url}/neo/api`,
      timeout: config.timeoutMs,
      auth: { username: config.username, password: config.password },
      headers: { Accept: 'application/json' },
    });
  }

  request<T>(operation: string, req: NeoTvRequest, response: z.ZodType<T>): Promise<T> {
    const headers: Record<string, string> = req.idempotencyKey ? { 'Idempotency-Key': req.idempotencyKey } : {};
    return callJson({ system: this.system, operation, http: this.http, request: { method: req.method, url: req.path, params: req.params, data: req.body, headers }, response });
  }
}
