import axios, { AxiosInstance, AxiosResponse, Method } from 'axios';
import type { z } from 'zod';
import type { OperatorDecision } from '../../workflows/definitions';
import {
  EventConflictError,
  HealthReport,
  InvalidEventError,
  NothingParkedError,
  NotFoundError,
  ParkedSummary,
  SubmitEventResponse,
  SubscriberDetails,
  SubsyncOperations,
} from '../operations';
import {
  errorBodySchema,
  healthReportSchema,
  parkedListSchema,
  resolveParkedResponseSchema,
  submitEventResponseSchema,
  subscriberDetailsSchema,
} from '../http/schemas';
import { SubsyncApiError } from './errors';

export interface SubsyncClientOptions {
  /** Where the subsync API listens, e.g. "http://127.0.0.1:3000". */
  baseUrl: string;
  /** Per-request timeout; a waiting submitEvent gets its wait on top. Default 30 s. */
  timeoutMs?: number;
  headers?: Record<string, string>;
}

const DEFAULT_TIMEOUT_MS = 30_000;
/** Head room for submitEvent(wait) without timeoutMs, when the server picks the wait. */
const DEFAULT_WAIT_ALLOWANCE_MS = 60_000;

/**
 * SubsyncOperations over the HTTP API: what billing integrators import. Same operations,
 * same result types and the same typed errors as the server side, so code written against
 * SubsyncOperations runs in-process or remote alike. Answers are parsed with the API's own
 * schemas: a wrong baseUrl or a mismatched server fails clearly instead of returning junk.
 */
export class SubsyncClient implements SubsyncOperations {
  readonly baseUrl: string;
  private readonly http: AxiosInstance;
  private readonly timeoutMs: number;

  constructor(options: SubsyncClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    // Every status is an answer to interpret; only "no answer at all" throws from axios.
    this.http = axios.create({ baseURL: this.baseUrl, timeout: this.timeoutMs, headers: options.headers, validateStatus: () => true });
  }

  async submitEvent(input: unknown, options: { wait?: boolean; timeoutMs?: number } = {}): Promise<SubmitEventResponse> {
    const params = options.wait ? { wait: 'true', timeoutMs: options.timeoutMs } : undefined;
    const timeout = this.timeoutMs + (options.wait ? (options.timeoutMs ?? DEFAULT_WAIT_ALLOWANCE_MS) : 0);
    const res = await this.request('POST', '/v1/events', { data: input ?? null, params, timeout });
    if (res.status === 200 || res.status === 202) return this.parse(submitEventResponseSchema, res);
    const body = errorBodySchema.safeParse(res.data).data;
    if (res.status === 400 && body?.error === 'invalid_event') {
      throw new InvalidEventError(body.issues?.length ? body.issues : [{ path: '(event)', message: body.message }]);
    }
    if (res.status === 409 && body?.error === 'event_id_conflict') throw new EventConflictError(body.eventId ?? String((input as { id?: unknown })?.id));
    throw this.failure(res);
  }

  async getSubscriber(billing: string, account: string): Promise<SubscriberDetails | null> {
    const res = await this.request('GET', subscriberPath(billing, account));
    if (res.status === 200) return this.parse(subscriberDetailsSchema, res);
    if (res.status === 404 && errorCode(res) === 'not_found') return null;
    throw this.failure(res);
  }

  async listParked(): Promise<ParkedSummary[]> {
    const res = await this.request('GET', '/v1/parked');
    if (res.status === 200) return this.parse(parkedListSchema, res);
    throw this.failure(res);
  }

  async resolveParked(billing: string, account: string, decision: OperatorDecision): Promise<{ commandId: string; action: OperatorDecision['action'] }> {
    const res = await this.request('POST', `${subscriberPath(billing, account)}/${decision.action}`, { data: { by: decision.by, note: decision.note } });
    if (res.status === 200) return this.parse(resolveParkedResponseSchema, res);
    const body = errorBodySchema.safeParse(res.data).data;
    if (res.status === 404 && body?.error === 'not_found') throw new NotFoundError(body.message);
    if (res.status === 409 && body?.error === 'nothing_parked') throw new NothingParkedError(body.message);
    throw this.failure(res);
  }

  /** The report also when something is down (HTTP 503): callers read `ok`. */
  async health(): Promise<HealthReport> {
    const res = await this.request('GET', '/healthz');
    // A 503 is either the report (something is down) or an error body (health itself failed).
    if (res.status === 200 || (res.status === 503 && healthReportSchema.safeParse(res.data).success)) return this.parse(healthReportSchema, res);
    throw this.failure(res);
  }

  private async request(method: Method, url: string, options: { data?: unknown; params?: object; timeout?: number } = {}): Promise<AxiosResponse<unknown>> {
    try {
      return await this.http.request({ method, url, ...options });
    } catch (err) {
      const reason = axios.isAxiosError(err) ? (err.code === 'ECONNABORTED' || err.code === 'ETIMEDOUT' ? `no answer within ${options.timeout ?? this.timeoutMs} ms` : err.message) : String(err);
      throw new SubsyncApiError(`cannot reach the subsync API at ${this.baseUrl} (${method} ${url}: ${reason})`, { cause: err });
    }
  }

  private parse<T extends z.ZodType>(schema: T, res: AxiosResponse<unknown>): z.output<T> {
    const parsed = schema.safeParse(res.data);
    if (parsed.success) return parsed.data;
    const issues = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`);
    throw new SubsyncApiError(`unexpected answer from ${this.baseUrl}${res.config.url ?? ''} (HTTP ${res.status}): ${issues.join('; ')}; is this a subsync API?`, {
      status: res.status,
      requestId: requestIdOf(res),
    });
  }

  private failure(res: AxiosResponse<unknown>): SubsyncApiError {
    const body = errorBodySchema.safeParse(res.data);
    const where = `${res.config.method?.toUpperCase()} ${this.baseUrl}${res.config.url ?? ''}`;
    const message = body.success ? `${body.data.message} (HTTP ${res.status} ${body.data.error})` : `HTTP ${res.status} from ${where}: ${preview(res.data)}`;
    return new SubsyncApiError(message, { status: res.status, code: body.data?.error, requestId: requestIdOf(res) });
  }
}

function subscriberPath(billing: string, account: string): string {
  return `/v1/subscribers/${encodeURIComponent(billing)}/${encodeURIComponent(account)}`;
}

function errorCode(res: AxiosResponse<unknown>): string | undefined {
  return errorBodySchema.safeParse(res.data).data?.error;
}

function requestIdOf(res: AxiosResponse<unknown>): string | undefined {
  const id = res.headers['x-request-id'];
  return typeof id === 'string' ? id : undefined;
}

function preview(data: unknown): string {
  const text = typeof data === 'string' ? data : JSON.stringify(data);
  return text === undefined || text === '' ? '(empty body)' : text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
