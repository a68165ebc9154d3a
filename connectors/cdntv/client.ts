import { connectorHttpDefaults } from '../http-defaults';
import axios, { AxiosInstance } from 'axios';
import type { z } from 'zod';
import { callJson } from '../tv/http';
import type { CdnTvConfig } from './schemas';

export interface CdnTvRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path under /api/v2. */
  path: string;
  params?: Record<string, string>;
  body?: unknown;
  idempotencyKey?: string;
}

/** CDN TV REST client: JSON under /api/v2, the API key in X-Api-Key on every call. */
export class CdnTvClient {
  private readonly http: AxiosInstance;

  constructor(readonly system: string, config: CdnTvConfig) {
    this.http = axios.create({ ...connectorHttpDefaults(), baseURL: `${config.url}/api/v2`, timeout: config.timeoutMs, headers: { 'X-Api-Key': config.apiKey, Accept: 'application/json' } });
  }

  request<T>(operation: string, req: CdnTvRequest, response: z.ZodType<T>): Promise<T> {
    const headers: Record<string, string> = req.idempotencyKey ? { 'Idempotency-Key': req.idempotencyKey } : {};
    return callJson({ system: this.system, operation, http: this.http, request: { method: req.method, url: req.path, params: req.params, data: req.body, headers }, response });
  }
}
