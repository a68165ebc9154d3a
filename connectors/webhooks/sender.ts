import http from 'node:http';
import https from 'node:https';
import axios, { AxiosInstance, isAxiosError } from 'axios';
import type { TransmitOutcome } from '../../domain/outbox';
import { retryAfterMs } from '../http-errors';
import type { WebhookEndpointConfig } from './config';
import { WebhookSigner } from './sign';

/** Standard Webhooks 1.0.0, the specification this sender follows. */
export const STANDARD_WEBHOOKS_SPEC = 'https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md';

/** Retry-After beyond this is read as this: an endpoint is never parked for longer than a day by one header. */
const MAX_RETRY_AFTER_MS = 86_400_000;

/** One webhook: the id (stable across retries), the JSON body, and when the attempt is made. */
export interface WebhookRequest {
  id: string;
  payload: string;
  at?: Date;
}

/**
 * Sends webhooks to one endpoint per the Standard Webhooks spec (section "Delivery success and
 * failure"): 2xx is success; 3xx is a failure (redirects are not followed); 410 asks us to stop
 * (`gone`); 429, and 503 with Retry-After, say when to come back (`throttled`); other 5xx, 408,
 * timeouts and network errors mean the endpoint is not there (`unavailable`); other 4xx refuse
 * this message (`rejected`). Never throws.
 */
export class WebhookSender {
  private readonly http: AxiosInstance;
  private readonly signer: WebhookSigner;

  constructor(
    readonly endpoint: string,
    private readonly config: Pick<WebhookEndpointConfig, 'url' | 'secrets' | 'timeoutMs' | 'maxSockets'>,
  ) {
    this.signer = new WebhookSigner(config.secrets);
    const agent = { keepAlive: true, maxSockets: config.maxSockets };
    this.http = axios.create({
      timeout: config.timeoutMs,
      maxRedirects: 0,
      // Every status is an answer to classify; only "no answer" throws.
      validateStatus: () => true,
      // The receiver's answer is read only to report it; a huge body must not fill memory.
      maxContentLength: 64 * 1024,
      responseType: 'text',
      transitional: { forcedJSONParsing: false, silentJSONParsing: true, clarifyTimeoutError: true },
      httpAgent: new http.Agent(agent),
      httpsAgent: new https.Agent(agent),
    });
  }

  async send(request: WebhookRequest): Promise<TransmitOutcome> {
    const at = request.at ?? new Date();
    const headers = { 'content-type': 'application/json', ...this.signer.headers(request.id, at, request.payload) };
    let status: number;
    let body: string;
    let retryAfter: unknown;
    try {
      // Standard Webhooks: "the payload should be passed in the HTTP body" of a POST, signed exactly as sent.
      const res = await this.http.post<string>(this.config.url, request.payload, { headers });
      status = res.status;
      body = typeof res.data === 'string' ? res.data : '';
      retryAfter = res.headers['retry-after'];
    } catch (err) {
      const reason = isAxiosError(err) ? (err.code === 'ETIMEDOUT' || err.code === 'ECONNABORTED' ? `no answer within ${this.config.timeoutMs} ms` : `${err.code ?? 'network error'}: ${err.message}`) : String(err);
      return { ok: false, kind: 'unavailable', error: reason };
    }
    return classify(status, body, retryAfter);
  }

  close(): void {
    for (const agent of [this.http.defaults.httpAgent, this.http.defaults.httpsAgent] as (http.Agent | undefined)[]) agent?.destroy();
  }
}

/** The spec's "suggested status code handling", as an outcome. */
export function classify(status: number, body: string, retryAfterHeader?: unknown, now = Date.now()): TransmitOutcome {
  const detail = `HTTP ${status}${body ? `: ${body.slice(0, 200)}` : ''}`;
  if (status >= 200 && status < 300) return { ok: true, status, receipt: body.slice(0, 200) || undefined };
  if (status >= 300 && status < 400) return { ok: false, kind: 'rejected', status, error: `${detail} (redirects are not followed: update the endpoint URL)` };
  if (status === 410) return { ok: false, kind: 'gone', status, error: `${detail} (the endpoint asked to stop: disabled)` };
  const hasRetryAfter = retryAfterHeader !== undefined && retryAfterHeader !== null && retryAfterHeader !== '';
  if (status === 429 || (status === 503 && hasRetryAfter)) {
    if (hasRetryAfter) return { ok: false, kind: 'throttled', status, error: detail, retryAfterMs: Math.min(MAX_RETRY_AFTER_MS, retryAfterMs(retryAfterHeader, 1000, now)) };
    return { ok: false, kind: 'unavailable', status, error: detail };
  }
  if (status >= 500 || status === 408) return { ok: false, kind: 'unavailable', status, error: detail };
  return { ok: false, kind: 'rejected', status, error: detail };
}
