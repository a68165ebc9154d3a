import http from 'node:http';
import https from 'node:https';
import type { TransmitOutcome } from '../../domain/outbox';
import { retryAfterMs } from '../http-errors';
import type { WebhookEndpointConfig } from './config';
import { WebhookSigner } from './sign';

/** Standard Webhooks 1.0.0, the specification this sender follows. */
export const STANDARD_WEBHOOKS_SPEC = 'https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md';

/** Of the receiver's answer, only this much is kept (for the attempt log). */
const MAX_ANSWER_BYTES = 64 * 1024;

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
  private readonly signer: WebhookSigner;
  private readonly url: URL;
  private readonly agent: http.Agent;
  private readonly request: typeof http.request;

  constructor(
    readonly endpoint: string,
    private readonly config: Pick<WebhookEndpointConfig, 'url' | 'secrets' | 'timeoutMs' | 'maxSockets'>,
  ) {
    this.signer = new WebhookSigner(config.secrets);
    this.url = new URL(config.url);
    const secure = this.url.protocol === 'https:';
    // Node's own client with a keep-alive pool: at thousands of deliveries a second a general-purpose
    // client's per-request config merging shows up in the profile; a webhook is one POST.
    this.agent = secure ? new https.Agent({ keepAlive: true, maxSockets: config.maxSockets }) : new http.Agent({ keepAlive: true, maxSockets: config.maxSockets });
    this.request = secure ? https.request : http.request;
  }

  send(request: WebhookRequest): Promise<TransmitOutcome> {
    const at = request.at ?? new Date();
    const body = Buffer.from(request.payload);
    const headers = { 'content-type': 'application/json', 'content-length': String(body.length), ...this.signer.headers(request.id, at, request.payload) };
    return new Promise((resolve) => {
      let settled = false;
      const done = (outcome: TransmitOutcome) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(outcome);
      };
      // Standard Webhooks: "the payload should be passed in the HTTP body" of a POST, signed exactly as sent.
      const req = this.request(this.url, { method: 'POST', agent: this.agent, headers }, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          // The answer is read only to report it; a huge body must not fill memory.
          if (size < MAX_ANSWER_BYTES) chunks.push(chunk);
          size += chunk.length;
        });
        res.on('end', () => done(classify(res.statusCode ?? 0, Buffer.concat(chunks).toString('utf8').slice(0, MAX_ANSWER_BYTES), res.headers['retry-after'])));
        res.on('error', (err) => done({ ok: false, kind: 'unavailable', error: `${(err as NodeJS.ErrnoException).code ?? 'network error'}: ${err.message}` }));
      });
      // One timeout for the whole attempt (connect, send, answer), as the spec's "request timeout".
      const timer = setTimeout(() => {
        done({ ok: false, kind: 'unavailable', error: `no answer within ${this.config.timeoutMs} ms` });
        req.destroy();
      }, this.config.timeoutMs);
      req.on('error', (err) => done({ ok: false, kind: 'unavailable', error: `${(err as NodeJS.ErrnoException).code ?? 'network error'}: ${err.message}` }));
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
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
