import { connectorHttpDefaults } from '../http-defaults';
import axios, { AxiosInstance } from 'axios';
import { z } from 'zod';
import { ConnectorError, PermanentError, PermanentReason } from '../errors';
import { measureCall } from '../measure';
import { parseResponse, sendJson } from '../tv/http';
import { envelopeSchema, McrConfig } from './schemas';

/** MCR's in-body error codes; anything unknown is a rejection an operator should look at. */
const reasons: Record<string, PermanentReason> = {
  AUTH_FAILED: 'auth',
  SUBSCRIBER_NOT_FOUND: 'not_found',
  PACKAGE_NOT_FOUND: 'not_found',
  POINT_NOT_FOUND: 'not_found',
  LOGIN_IN_USE: 'conflict',
  POINT_IN_USE: 'conflict',
  INVALID_PARAM: 'validation',
};

/**
 * MCR RPC client: every call is POST /api/?call=<name> with { token, params }. MCR answers
 * HTTP 200 even for failures, with { status: "error", error: { code } } in the body, so this
 * client maps those codes itself; only transport trouble (5xx, 429, timeouts) goes through the
 * shared HTTP mapping.
 */
export class McrClient {
  private readonly http: AxiosInstance;

  constructor(readonly system: string, private readonly config: McrConfig) {
    this.http = axios.create({ ...connectorHttpDefaults(), baseURL: config.url, timeout: config.timeoutMs, headers: { Accept: 'application/json' } });
  }

  call<T>(call: string, operation: string, params: Record<string, unknown>, result: z.ZodType<T>, idempotencyKey?: string): Promise<T> {
    // Measured around the envelope check: MCR's failures arrive as HTTP 200.
    return measureCall(this.system, operation, () => this.send(call, operation, params, result, idempotencyKey));
  }

  private async send<T>(call: string, operation: string, params: Record<string, unknown>, result: z.ZodType<T>, idempotencyKey?: string): Promise<T> {
    const request = {
      method: 'POST' as const,
      url: '/api/',
      params: { call },
      data: { token: this.config.token, params },
      headers: idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {},
    };
    const body = await sendJson({ system: this.system, operation, http: this.http, request, response: z.unknown() });
    const envelope = parseResponse(this.system, operation, envelopeSchema, body);
    if (envelope.status === 'error') throw mcrError(this.system, operation, envelope.error);
    return parseResponse(this.system, operation, z.object({ result }), body).result;
  }
}

function mcrError(system: string, operation: string, error: { code: string; message: string }): ConnectorError {
  return new PermanentError(system, operation, reasons[error.code] ?? 'rejected', `${error.code}: ${error.message}`);
}
