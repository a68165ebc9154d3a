import { connectorHttpDefaults } from '../http-defaults';
import axios, { AxiosInstance } from 'axios';
import type { z } from 'zod';
import { callJson } from '../tv/http';
import type { DeezerConfig } from './schemas';

export interface DeezerRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path under /partner/v1. */
  path: string;
  params?: Record<string, string>;
  body?: unknown;
  idempotencyKey?: string;
}

/**
 * Deezer partner client: JSON under /partner/v1, the access token as the `access_token` query
 * parameter (Deezer's own convention). It travels in axios params, never in a URL we build, so
 * it cannot end up in an error message.
 */
export class DeezerClient {
  private readonly http: AxiosInstance;

  constructor(readonly system: string, private readonly config: DeezerConfig) {
    this.http = axios.create({ ...connectorHttpDefaults(), baseURL: `${config.url}/partner/v1`, timeout: config.timeoutMs, headers: { Accept: 'application/json' } });
  }

  request<T>(operation: string, req: DeezerRequest, response: z.ZodType<T>): Promise<T> {
    const headers: Record<string, string> = req.idempotencyKey ? { 'Idempotency-Key': req.idempotencyKey } : {};
    const params = { ...req.params, access_token: this.config.accessToken };
    return callJson({ system: this.system, operation, http: this.http, request: { method: req.method, url: req.path, params, data: req.body, headers }, response });
  }
}
