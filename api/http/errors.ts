import { isGrpcServiceError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isConnectorError } from '../../connectors/errors';
import { SessionNotFoundError, SessionRefusedError } from '../../kinds/sessions';
import { EventConflictError, InvalidEventError, InvalidRequestError, NothingParkedError, NotFoundError } from '../operations';
import type { ErrorBody } from './schemas';

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
}

/** What to tell a caller to send, per media type a route takes. */
const bodyAdvice: Record<string, string> = {
  'application/json': 'send a JSON object with "Content-Type: application/json"',
  'text/csv': 'send the CSV file as the body with "Content-Type: text/csv"',
};

const GRPC_DEADLINE_EXCEEDED = 4;
const GRPC_UNAVAILABLE = 14;

export function errorReply(err: unknown, { badInput, requestId, bodyMissing, contentType, accepts = 'application/json' }: ErrorContext): ErrorReply {
  const advice = bodyAdvice[accepts] ?? `send "Content-Type: ${accepts}"`;
  if (err instanceof InvalidEventError) return { status: 400, body: { error: 'invalid_event', message: err.message, issues: err.issues } };
  if (err instanceof InvalidRequestError) return { status: 400, body: { error: 'invalid_request', message: err.message, issues: err.issues } };
  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = (err as { validationContext?: string }).validationContext ?? 'request';
    // A missing body or one of another media type fails as "expected object"; say what to send instead.
    if (where === 'body' && (bodyMissing || !(contentType ?? '').toLowerCase().startsWith(accepts))) {
      const message = `${bodyMissing ? 'the request has no body' : `Content-Type "${contentType}" is not ${accepts}`}: ${advice}`;
      return { status: 400, body: { error: badInput, message, issues: [{ path: '(body)', message }] } };
    }
    const issues = err.validation.map((v) => ({ path: issuePath(v.instancePath, badInput), message: v.message ?? 'invalid' }));
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
  const status = (err as { statusCode?: unknown }).statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return { status, body: { error: 'bad_request', message: (err as Error).message } };
  }
  // The message of an unexpected error may carry internals (URLs, SQL): it goes to the log only.
  return { status: 500, body: { error: 'internal_error', message: `internal error; the server log has the details under request id ${requestId}` } };
}

function issuePath(instancePath: string, badInput: ErrorContext['badInput']): string {
  const path = instancePath.replace(/^\//, '').split('/').filter(Boolean).join('.');
  return path || (badInput === 'invalid_event' ? '(event)' : '(request)');
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
