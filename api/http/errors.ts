import { isGrpcServiceError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isConnectorError } from '../../connectors/errors';
import { isUnstorableValue } from '../../store/store';
import { SessionNotFoundError, SessionRefusedError } from '../../kinds/sessions';
import { EventConflictError, InvalidEventError, InvalidRequestError, NothingParkedError, NotFoundError } from '../operations';
import { ForbiddenError, UnauthorizedError } from './auth';
import type { ErrorBody } from './schemas';

/** Too many requests for one credential (the rate-limit plugin sets Retry-After). */
export class RateLimitedError extends Error {
  readonly statusCode = 429;
  override name = 'RateLimitedError';
}

/** Error bodies and log lines never echo a large input: every message and issue is cut to these lengths. */
const MAX_MESSAGE = 500;
const MAX_ISSUES = 20;

/**
 * Turns whatever a route threw into a status and a JSON body. Callers get a stable `error`
 * code and, for bad input, one issue per wrong field; never an HTML page or a stack trace.
 */
export interface ErrorReply {
  status: number;
  body: ErrorBody;
}

export interface ErrorContext {
  /** Bad input on the events route is an invalid event; elsewhere a plain invalid request. */
  badInput: 'invalid_event' | 'invalid_request';
  requestId: string;
  /** The request came without a body (fastify leaves it null). */
  bodyMissing: boolean;
  contentType?: string;
  /** The media type the route takes (application/json unless the route says otherwise). */
  accepts?: string;
  /** For the 413 message. */
  limits?: { bodyBytes: number; csvBytes: number };
}

/** What to tell a caller to send, per media type a route takes. */
const bodyAdvice: Record<string, string> = {
  'application/json': 'send a JSON object with "Content-Type: application/json"',
  'text/csv': 'send the CSV file as the body with "Content-Type: text/csv"',
};

const GRPC_DEADLINE_EXCEEDED = 4;
const GRPC_UNAVAILABLE = 14;

export function errorReply(err: unknown, context: ErrorContext): ErrorReply {
  const reply = rawErrorReply(err, context);
  return { status: reply.status, body: bounded(reply.body) };
}

function bounded(body: ErrorBody): ErrorBody {
  const cut = (text: string) => (text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE)}… (${text.length} characters)` : text);
  const issues = body.issues && [
    ...body.issues.slice(0, MAX_ISSUES).map((i) => ({ path: cut(i.path), message: cut(i.message) })),
    ...(body.issues.length > MAX_ISSUES ? [{ path: '(more)', message: `${body.issues.length - MAX_ISSUES} more issues` }] : []),
  ];
  return { ...body, message: cut(body.message), ...(issues ? { issues } : {}), ...(body.eventId ? { eventId: cut(body.eventId) } : {}) };
}

function rawErrorReply(err: unknown, { badInput, requestId, bodyMissing, contentType, accepts = 'application/json', limits }: ErrorContext): ErrorReply {
  const advice = bodyAdvice[accepts] ?? `send "Content-Type: ${accepts}"`;
  if (err instanceof UnauthorizedError) return { status: 401, body: { error: 'unauthorized', message: err.message, ...(err.scope && err.scope !== 'public' ? { scope: err.scope } : {}) } };
  if (err instanceof ForbiddenError) return { status: 403, body: { error: 'forbidden', message: err.message, scope: err.scope } };
  if (err instanceof RateLimitedError) return { status: 429, body: { error: 'rate_limited', message: err.message } };
  if (isUnstorableValue(err)) return { status: 400, body: { error: badInput, message: (err as Error).message, issues: [{ path: '(request)', message: (err as Error).message }] } };
  if (err instanceof InvalidEventError) return { status: 400, body: { error: 'invalid_event', message: err.message, issues: err.issues } };
  if (err instanceof InvalidRequestError) return { status: 400, body: { error: 'invalid_request', message: err.message, issues: err.issues } };
  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = (err as { validationContext?: string }).validationContext ?? 'request';
    // A missing body or one of another media type fails as "expected object"; say what to send instead.
    if (where === 'body' && (bodyMissing || !(contentType ?? '').toLowerCase().startsWith(accepts))) {
      const message = `${bodyMissing ? 'the request has no body' : `Content-Type "${contentType}" is not ${accepts}`}: ${advice}`;
      return { status: 400, body: { error: badInput, message, issues: [{ path: '(body)', message }] } };
    }
    const issues = err.validation.flatMap((v) => {
      // An unknown property is named as the field it is, like any other wrong field.
      const unknown = v.keyword === 'unrecognized_keys' ? (v.params as { keys?: string[] } | undefined) : undefined;
      if (unknown?.keys?.length) {
        const prefix = issuePath(v.instancePath, badInput, where).replace(/^\((event|request|body)\)$/, '');
        return unknown.keys.map((key) => ({ path: prefix ? `${prefix}.${key}` : key, message: 'unknown property: the operation does not take it' }));
      }
      return [{ path: issuePath(v.instancePath, badInput, where), message: v.message ?? 'invalid' }];
    });
    return { status: 400, body: { error: badInput, message: `invalid ${where}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues } };
  }
  if (err instanceof EventConflictError) return { status: 409, body: { error: 'event_id_conflict', message: err.message, eventId: err.eventId } };
  if (err instanceof NothingParkedError) return { status: 409, body: { error: 'nothing_parked', message: err.message } };
  if (err instanceof NotFoundError || err instanceof SessionNotFoundError) return { status: 404, body: { error: 'not_found', message: err.message } };
  // The platform's refusal of a session call, with its reason (quota_exceeded: no line free): the caller's answer, not our failure.
  if (err instanceof SessionRefusedError) return { status: 409, body: { error: err.refusal, message: err.message } };
  const bodyProblem = unreadableBody(err, contentType, advice);
  if (bodyProblem) return { status: 400, body: { error: badInput, message: bodyProblem, issues: [{ path: '(body)', message: bodyProblem }] } };
  // The update reached Temporal but no worker took it up in time; an event is already in the inbox.
  if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError) {
    const message = badInput === 'invalid_event' ? 'no worker answered; the event was recorded, send it again later' : 'no worker answered in time; try again later';
    return { status: 503, body: { error: 'temporal_unavailable', message } };
  }
  // Operator requests that call billing directly (the set-top box import) meet its failures here.
  if (isConnectorError(err)) {
    return err.kind === 'permanent'
      ? { status: 502, body: { error: 'upstream_error', message: `${err.system} refused the request: ${err.message}` } }
      : { status: 503, body: { error: 'upstream_unavailable', message: `${err.system} is unavailable, try again later (${err.message})` } };
  }
  if (isTemporalUnreachable(err)) {
    return { status: 503, body: { error: 'temporal_unavailable', message: `Temporal is unreachable, try again later (${(err as Error).message})` } };
  }
  const code = (err as { code?: unknown }).code;
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    const limit = accepts === 'text/csv' ? limits?.csvBytes : limits?.bodyBytes;
    return { status: 413, body: { error: 'payload_too_large', message: `the body is larger than ${limit ?? 'the limit of'} bytes this operation takes` } };
  }
  const status = (err as { statusCode?: unknown }).statusCode;
  if (status === 408) return { status: 408, body: { error: 'request_timeout', message: 'the request did not arrive in time' } };
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return { status, body: { error: 'bad_request', message: (err as Error).message } };
  }
  // The message of an unexpected error may carry internals (URLs, SQL): it goes to the log only.
  return { status: 500, body: { error: 'internal_error', message: `internal error; the server log has the details under request id ${requestId}` } };
}

function issuePath(instancePath: string, badInput: ErrorContext['badInput'], where: string): string {
  const path = instancePath.replace(/^\//, '').split('/').filter(Boolean).join('.');
  return path || (badInput === 'invalid_event' ? '(event)' : where === 'body' ? '(body)' : '(request)');
}

/** A body fastify could not even parse: say what to send instead. */
function unreadableBody(err: unknown, contentType: string | undefined, advice: string): string | undefined {
  switch ((err as { code?: unknown }).code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return `Content-Type "${contentType}" is not supported: ${advice}`;
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return `the body is not valid JSON (${(err as Error).message})`;
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'the body is empty but Content-Type says JSON: send a JSON object';
    default:
      return undefined;
  }
}

/**
 * True when the error, or one of its causes, says the Temporal frontend could not be reached
 * (connection refused, unavailable, deadline exceeded): the caller should retry later, so 503.
 */
export function isTemporalUnreachable(err: unknown): boolean {
  let current: unknown = err;
  for (let depth = 0; current instanceof Error && depth < 8; depth++) {
    if (isGrpcServiceError(current) && (current.code === GRPC_UNAVAILABLE || current.code === GRPC_DEADLINE_EXCEEDED)) return true;
    if (current.name === 'ServiceError' && /failed to connect/i.test(current.message)) return true;
    // grpc-js waitForReady, before the client has ever reached the server.
    if (/failed to connect before the deadline/i.test(current.message)) return true;
    if (current.name === 'TransportError') return true;
    current = current.cause;
  }
  return false;
}
