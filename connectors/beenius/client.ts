import { createHmac } from 'node:crypto';
import { connectorHttpDefaults } from '../http-defaults';
import axios, { AxiosInstance } from 'axios';
import OAuth from 'oauth-1.0a';
import type { z } from 'zod';
import { callJson } from '../tv/http';
import type { BeeniusConfig } from './schemas';

export interface BeeniusRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path under /restapi/rest/1. */
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  idempotencyKey?: string;
}

/**
 * The Beenius REST client: every request goes to /restapi/rest/1, carries the vendor media type
 * (application/vnd.beenius+json;version=N) in Accept and, with a body, in Content-Type, and is
 * signed with OAuth 1.0a HMAC-SHA1 over method, URL and query (the JSON body is not part of
 * the signature base string, per RFC 5849 §3.4.1.3).
 */
export class BeeniusClient {
  private readonly http: AxiosInstance;
  private readonly oauth: OAuth;
  private readonly mediaType: string;

  constructor(readonly system: string, private readonly config: BeeniusConfig) {
    this.http = axios.create({ ...connectorHttpDefaults(), timeout: config.timeoutMs });
    this.oauth = new OAuth({
      consumer: { key: config.consumerKey, secret: config.consumerSecret },
      signature_method: 'HMAC-SHA1',
      hash_function: (base, key) => createHmac('sha1', key).update(base).digest('base64'),
    });
    this.mediaType = `application/vnd.beenius+json;version=${config.apiVersion}`;
  }

  request<T>(operation: string, req: BeeniusRequest, response: z.ZodType<T>): Promise<T> {
    const url = new URL(`${this.config.url}/restapi/rest/1${req.path}`);
    for (const [k, v] of Object.entries(req.query ?? {})) url.searchParams.set(k, v);
    // Sign exactly the URL that goes on the wire.
    const signed = this.oauth.toHeader(this.oauth.authorize({ url: url.toString(), method: req.method }, { key: this.config.token, secret: this.config.tokenSecret }));
    const headers: Record<string, string> = { ...signed, Accept: this.mediaType };
    if (req.body !== undefined) headers['Content-Type'] = this.mediaType;
    if (req.idempotencyKey) headers['Idempotency-Key'] = req.idempotencyKey;
    return callJson({
      system: this.system,
      operation,
      http: this.http,
      request: { url: url.toString(), method: req.method, headers, data: req.body === undefined ? undefined : JSON.stringify(req.body) },
      response,
    });
  }
}
