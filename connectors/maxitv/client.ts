import { connectorHttpDefaults } from '../http-defaults';
import axios, { AxiosInstance } from 'axios';
import type { z } from 'zod';
import { callJson, callWrite } from '../tv/http';
import type { MaxiTvConfig } from './schemas';

export interface MaxiTvRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path under /api/v1. */
  path: string;
  params?: Record<string, string>;
  /** Sent as application/x-www-form-urlencoded, which is what Maxi TV takes for writes. */
  form?: Record<string, string | undefined>;
  idempotencyKey?: string;
}

/** Maxi TV client: a static bearer token, HTML-form request bodies, JSON answers under /api/v1. */
export class MaxiTvClient {
  private readonly http: AxiosInstance;

  constructor(readonly system: string, config: MaxiTvConfig) {
    this.http = axios.create({ ...connectorHttpDefaults(), baseURL: `${config.url}/api/v1`, timeout: config.timeoutMs, headers: { Authorization: `Bearer ${config.apiToken}`, Accept: 'application/json' } });
  }

  request<T>(operation: string, req: MaxiTvRequest, response: z.ZodType<T>): Promise<T> {
    return callJson({ system: this.system, operation, http: this.http, request: this.axiosRequest(req), response });
  }

  /** A write where some refusals (409 PONTO_JA_CADASTRADO, ...) mean the state is already the wanted one. */
  write<T>(operation: string, req: MaxiTvRequest, response: z.ZodType<T>, alreadyDone: (status: number, body: unknown) => boolean): Promise<T | undefined> {
    return callWrite({ system: this.system, operation, http: this.http, request: this.axiosRequest(req), response, alreadyDone });
  }

  private axiosRequest(req: MaxiTvRequest) {
    const headers: Record<string, string> = req.idempotencyKey ? { 'Idempotency-Key': req.idempotencyKey } : {};
    const form = req.form && new URLSearchParams(Object.entries(req.form).filter((e): e is [string, string] => e[1] !== undefined));
    return { method: req.method, url: req.path, params: req.params, data: form, headers };
  }
}
