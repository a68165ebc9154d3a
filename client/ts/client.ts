import axios, { AxiosInstance, AxiosResponse, Method } from 'axios';
import type { z } from 'zod';
import type { OperatorDecision } from '../../workflows/definitions';
import {
  BookSessionRequest,
  AccountObservation,
  EventConflictError,
  HealthReport,
  InvalidEventError,
  InvalidRequestError,
  InvoicingBackfill,
  InvoicingRunRequest,
  InvoicingRunStarted,
  InvoicingRunStatus,
  InvoicingSchedule,
  NothingParkedError,
  NotFoundError,
  ParkedSummary,
  ReconcileRequest,
  ReconcileRun,
  ScheduledInvoicingRun,
  StbImportResult,
  SubmitEventResponse,
  SessionAction,
  SessionRecord,
  SessionRefusedError,
  SubscriberDetails,
  SubsyncOperations,
  UsageRunRequest,
  UsageRunStarted,
  UsageRunStatus,
  UsageSchedule,
  UsageSummary,
} from '../../api/operations';
import { sessionListSchema, sessionRecordSchema, usageRunStartedSchema, usageRunStatusSchema, usageScheduleSchema, usageSummaryListSchema } from '../../api/http/session-schemas';
import {
  backfillResponseSchema,
  DEFAULT_STB_BILLING,
  invoicingRunStartedSchema,
  invoicingRunStatusSchema,
  invoicingScheduleSchema,
  reconcileRunSchema,
  stbImportResultSchema,
  triggerResponseSchema,
} from '../../api/http/operator-schemas';
import {
  accountObservationSchema,
  errorBodySchema,
  healthReportSchema,
  healthSummarySchema,
  parkedListSchema,
  resolveParkedResponseSchema,
  submitEventResponseSchema,
  subscriberDetailsSchema,
} from '../../api/http/schemas';
import { SubsyncApiError } from './errors';
import type {
  NotificationDeliveriesQuery,
  NotificationDeliveryView,
  NotificationEndpointView,
  NotificationMessageView,
} from '../../api/notification-operations';
import {
  notificationDeliveryListSchema,
  notificationEndpointListSchema,
  notificationEndpointSchema,
  notificationMessageSchema,
  recoverResponseSchema,
  resendResponseSchema,
} from '../../api/http/notification-schemas';

export interface SubsyncClientOptions {
  /** Where the subsync API listens, e.g. "http://127.0.0.1:3000". */
  baseUrl: string;
  /**
   * The API credential's key (`ssk_…`, from `subsync credentials create`), sent as
   * "Authorization: Bearer <key>". Default: the SUBSYNC_API_KEY environment variable.
   */
  apiKey?: string;
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
    const apiKey = options.apiKey ?? process.env.SUBSYNC_API_KEY;
    const headers = { ...options.headers, ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}) };
    this.http = axios.create({ baseURL: this.baseUrl, timeout: this.timeoutMs, headers, validateStatus: () => true });
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

  /** Looks at one billing account now, as the watcher does; `stamp` names a hook's event the way the watcher names it. */
  async observeAccount(billing: string, account: string): Promise<AccountObservation> {
    // A JSON object as the body: axios labels a POST without data as a form, which the API refuses.
    const res = await this.request('POST', `/v1/watch/${encodeURIComponent(billing)}/${encodeURIComponent(account)}`, { data: {} });
    if (res.status === 200) return this.parse(accountObservationSchema, res);
    throw this.invalidOr(res);
  }

  async listParked(): Promise<ParkedSummary[]> {
    const res = await this.request('GET', '/v1/parked');
    if (res.status === 200) return this.parse(parkedListSchema, res);
    throw this.failure(res);
  }

  async resolveParked(billing: string, account: string, decision: OperatorDecision): Promise<{ commandId: string; action: OperatorDecision['action'] }> {
    const res = await this.request('POST', `${subscriberPath(billing, account)}/${decision.action}`, { data: { by: decision.by || undefined, note: decision.note || undefined } });
    if (res.status === 200) return this.parse(resolveParkedResponseSchema, res);
    const body = errorBodySchema.safeParse(res.data).data;
    if (res.status === 404 && body?.error === 'not_found') throw new NotFoundError(body.message);
    if (res.status === 409 && body?.error === 'nothing_parked') throw new NothingParkedError(body.message);
    throw this.failure(res);
  }

  /** The report also when something is down (HTTP 503): callers read `ok`. Needs the health:read scope. */
  async health(): Promise<HealthReport> {
    const res = await this.request('GET', '/healthz');
    if (res.status === 200 || res.status === 503) {
      // A 503 is the report (something is down), only { ok } (no credential sent), or an error body (health itself failed).
      if (healthReportSchema.safeParse(res.data).success) return this.parse(healthReportSchema, res);
      if (healthSummarySchema.safeParse(res.data).success) {
        const ok = (res.data as { ok: boolean }).ok;
        throw new SubsyncApiError(`the health report needs an API credential with the scope "health:read"; without one the API says only ok=${ok}`, { status: res.status, code: 'unauthorized', scope: 'health:read' });
      }
    }
    throw this.failure(res);
  }

  async reconcile(request: ReconcileRequest, options: { wait?: boolean; timeoutMs?: number } = {}): Promise<ReconcileRun> {
    const params = options.wait ? { wait: 'true', timeoutMs: options.timeoutMs } : undefined;
    const timeout = this.timeoutMs + (options.wait ? (options.timeoutMs ?? DEFAULT_WAIT_ALLOWANCE_MS) : 0);
    const res = await this.request('POST', '/v1/reconciliations', { data: request, params, timeout });
    if (res.status === 200 || res.status === 202) return this.parse(reconcileRunSchema, res);
    throw this.invalidOr(res);
  }

  async getReconciliation(workflowId: string): Promise<ReconcileRun | null> {
    return this.getOrNull(`/v1/reconciliations/${encodeURIComponent(workflowId)}`, reconcileRunSchema);
  }

  async startInvoicingRun(request: InvoicingRunRequest): Promise<InvoicingRunStarted> {
    const res = await this.request('POST', '/v1/invoicing/runs', { data: request });
    if (res.status === 202) return this.parse(invoicingRunStartedSchema, res);
    throw this.invalidOr(res);
  }

  async getInvoicingRun(workflowId: string): Promise<InvoicingRunStatus | null> {
    return this.getOrNull(`/v1/invoicing/runs/${encodeURIComponent(workflowId)}`, invoicingRunStatusSchema);
  }

  async getInvoicingSchedule(): Promise<InvoicingSchedule | null> {
    return this.getOrNull('/v1/invoicing/schedule', invoicingScheduleSchema);
  }

  async pauseInvoicing(note?: string): Promise<InvoicingSchedule> {
    return this.onSchedule('pause', invoicingScheduleSchema, 200, { note });
  }

  async unpauseInvoicing(note?: string): Promise<InvoicingSchedule> {
    return this.onSchedule('unpause', invoicingScheduleSchema, 200, { note });
  }

  async triggerInvoicing(): Promise<{ scheduleId: string; run?: ScheduledInvoicingRun }> {
    return this.onSchedule('trigger', triggerResponseSchema, 202);
  }

  async backfillInvoicing(month: string): Promise<InvoicingBackfill> {
    return this.onSchedule('backfill', backfillResponseSchema, 202, { month });
  }

  /** Sends the file as text/csv; `rejected` lists the bad rows (the call itself succeeds). */
  async importSetTopBoxes(csv: string, billing: string = DEFAULT_STB_BILLING): Promise<StbImportResult> {
    const res = await this.request('POST', '/v1/set-top-boxes/imports', { data: csv, params: { billing }, headers: { 'content-type': 'text/csv' } });
    if (res.status === 200) return this.parse(stbImportResultSchema, res);
    throw this.invalidOr(res);
  }

  async listSessions(billing: string, account: string): Promise<SessionRecord[]> {
    return this.sessionCall('GET', `${subscriberPath(billing, account)}/sessions`, sessionListSchema, 200);
  }

  /** SessionRefusedError (HTTP 409) when the platform refuses; NotFoundError for an unknown subscriber. */
  async bookSession(billing: string, account: string, request: BookSessionRequest): Promise<SessionRecord> {
    return this.sessionCall('POST', `${subscriberPath(billing, account)}/sessions`, sessionRecordSchema, 201, request);
  }

  async getSession(billing: string, account: string, sessionId: string): Promise<SessionRecord> {
    return this.sessionCall('GET', sessionPath(billing, account, sessionId), sessionRecordSchema, 200);
  }

  /** SessionRefusedError with refusal "quota_exceeded" when starting finds every line in use. */
  async controlSession(billing: string, account: string, sessionId: string, action: SessionAction): Promise<SessionRecord> {
    return this.sessionCall('POST', `${sessionPath(billing, account, sessionId)}/${action.replace('.', '/')}`, sessionRecordSchema, 200, {});
  }

  async startUsageRun(request: UsageRunRequest): Promise<UsageRunStarted> {
    const res = await this.request('POST', '/v1/usage/runs', { data: request });
    if (res.status === 202) return this.parse(usageRunStartedSchema, res);
    throw this.invalidOr(res);
  }

  async getUsageRun(workflowId: string): Promise<UsageRunStatus | null> {
    return this.getOrNull(`/v1/usage/runs/${encodeURIComponent(workflowId)}`, usageRunStatusSchema);
  }

  async listUsageSummaries(month: string): Promise<UsageSummary[]> {
    const res = await this.request('GET', '/v1/usage/summaries', { params: { month } });
    if (res.status === 200) return this.parse(usageSummaryListSchema, res);
    throw this.invalidOr(res);
  }

  async getUsageSchedule(): Promise<UsageSchedule | null> {
    return this.getOrNull('/v1/usage/schedule', usageScheduleSchema);
  }

  private async sessionCall<T extends z.ZodType>(method: Method, url: string, schema: T, ok: number, data?: object): Promise<z.output<T>> {
    const res = await this.request(method, url, data === undefined ? {} : { data });
    if (res.status === ok) return this.parse(schema, res);
    const body = errorBodySchema.safeParse(res.data).data;
    if (res.status === 404 && body?.error === 'not_found') throw new NotFoundError(body.message);
    if (res.status === 409 && body) throw new SessionRefusedError(body.error, body.message);
    throw this.invalidOr(res);
  }

  // NotificationDispatcher's outbox (/v1/notifications)

  async listNotificationEndpoints(): Promise<NotificationEndpointView[]> {
    const res = await this.request('GET', '/v1/notifications/endpoints');
    if (res.status === 200) return this.parse(notificationEndpointListSchema, res);
    throw this.notFoundOr(res);
  }

  async enableNotificationEndpoint(name: string, note?: string): Promise<NotificationEndpointView> {
    return this.onEndpoint(name, 'enable', note);
  }

  async disableNotificationEndpoint(name: string, note?: string): Promise<NotificationEndpointView> {
    return this.onEndpoint(name, 'disable', note);
  }

  async listNotificationDeliveries(query: NotificationDeliveriesQuery): Promise<NotificationDeliveryView[]> {
    const res = await this.request('GET', '/v1/notifications/deliveries', { params: query });
    if (res.status === 200) return this.parse(notificationDeliveryListSchema, res);
    throw this.notFoundOr(res);
  }

  async getNotificationMessage(messageId: string): Promise<NotificationMessageView | null> {
    return this.getOrNull(`/v1/notifications/messages/${encodeURIComponent(messageId)}`, notificationMessageSchema);
  }

  async resendNotification(messageId: string, endpoint?: string): Promise<{ messageId: string; endpoints: string[] }> {
    const res = await this.request('POST', `/v1/notifications/messages/${encodeURIComponent(messageId)}/resend`, { data: endpoint ? { endpoint } : {} });
    if (res.status === 200) return this.parse(resendResponseSchema, res);
    throw this.notFoundOr(res);
  }

  async recoverNotifications(endpoint: string, since: string): Promise<{ endpoint: string; since: string; recovered: number }> {
    const res = await this.request('POST', `/v1/notifications/endpoints/${encodeURIComponent(endpoint)}/recover`, { data: { since } });
    if (res.status === 200) return this.parse(recoverResponseSchema, res);
    throw this.notFoundOr(res);
  }

  private async onEndpoint(name: string, action: 'enable' | 'disable', note?: string): Promise<NotificationEndpointView> {
    const res = await this.request('POST', `/v1/notifications/endpoints/${encodeURIComponent(name)}/${action}`, { data: note ? { note } : {} });
    if (res.status === 200) return this.parse(notificationEndpointSchema, res);
    throw this.notFoundOr(res);
  }

  /** NotFoundError for a 404 not_found, InvalidRequestError for a 400, else the general failure. */
  private notFoundOr(res: AxiosResponse<unknown>): Error {
    const body = errorBodySchema.safeParse(res.data).data;
    if (res.status === 404 && body?.error === 'not_found') return new NotFoundError(body.message);
    return this.invalidOr(res);
  }

  private async getOrNull<T extends z.ZodType>(url: string, schema: T): Promise<z.output<T> | null> {
    const res = await this.request('GET', url);
    if (res.status === 200) return this.parse(schema, res);
    if (res.status === 404 && errorCode(res) === 'not_found') return null;
    throw this.failure(res);
  }

  private async onSchedule<T extends z.ZodType>(action: string, schema: T, ok: number, data?: object): Promise<z.output<T>> {
    // Always a JSON object: axios labels a POST without data as a form, which the API refuses.
    const res = await this.request('POST', `/v1/invoicing/schedule/${action}`, { data: data ?? {} });
    if (res.status === ok) return this.parse(schema, res);
    const body = errorBodySchema.safeParse(res.data).data;
    if (res.status === 404 && body?.error === 'not_found') throw new NotFoundError(body.message);
    throw this.invalidOr(res);
  }

  /** InvalidRequestError for a 400 invalid_request (naming the wrong fields), else the general failure. */
  private invalidOr(res: AxiosResponse<unknown>): Error {
    const body = errorBodySchema.safeParse(res.data).data;
    if (res.status === 400 && body?.error === 'invalid_request') return new InvalidRequestError(body.issues?.length ? body.issues : [{ path: '(request)', message: body.message }]);
    return this.failure(res);
  }

  private async request(
    method: Method,
    url: string,
    options: { data?: unknown; params?: object; timeout?: number; headers?: Record<string, string> } = {},
  ): Promise<AxiosResponse<unknown>> {
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
    const retryAfter = Number(res.headers['retry-after']);
    return new SubsyncApiError(message, {
      status: res.status,
      code: body.data?.error,
      requestId: requestIdOf(res),
      scope: body.data?.scope,
      ...(Number.isFinite(retryAfter) && res.headers['retry-after'] !== undefined ? { retryAfterSeconds: retryAfter } : {}),
    });
  }
}

function subscriberPath(billing: string, account: string): string {
  return `/v1/subscribers/${encodeURIComponent(billing)}/${encodeURIComponent(account)}`;
}

function sessionPath(billing: string, account: string, sessionId: string): string {
  return `${subscriberPath(billing, account)}/sessions/${encodeURIComponent(sessionId)}`;
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
