import { AxiosInstance, AxiosRequestConfig, isAxiosError } from 'axios';
import { z } from 'zod';
import { PermanentError } from '../errors';
import { fromHttpError } from '../http-errors';
import { measureCall } from '../measure';

/**
 * The one way TV connectors talk HTTP: send, map failures onto the connector error types
 * (fromHttpError: 5xx/network/timeout → transient, 429 → rate limited, other 4xx → permanent)
 * and parse what came back with zod, so a malformed answer is a PermanentError naming the
 * field instead of a TypeError three calls later.
 */
export interface JsonCall<T> {
  system: string;
  operation: string;
  http: AxiosInstance;
  request: AxiosRequestConfig;
  response: z.ZodType<T>;
}

export function callJson<T>(call: JsonCall<T>): Promise<T> {
  return measureCall(call.system, call.operation, () => sendJson(call));
}

/** callJson without measuring, for a client that measures a larger unit itself (MCR's in-body errors). */
export async function sendJson<T>(call: JsonCall<T>): Promise<T> {
  let data: unknown;
  try {
    data = (await call.http.request(call.request)).data;
  } catch (err) {
    throw fromHttpError(call.system, call.operation, err);
  }
  return parseResponse(call.system, call.operation, call.response, data);
}

/**
 * A write whose vendor answers some "already in that state" cases with an error status
 * (e.g. 409 PRODUCT_ALREADY_ACTIVE): `alreadyDone` recognises those, and they count as success,
 * answering undefined (the error body is not the resource).
 */
export function callWrite<T>(call: JsonCall<T> & { alreadyDone?: (status: number, body: unknown) => boolean }): Promise<T | undefined> {
  // Measured as one call, so an "already done" answer counts as the success it is.
  return measureCall(call.system, call.operation, async () => {
    try {
      return await sendJson(call);
    } catch (err) {
      const answer = errorAnswer(err);
      if (answer && call.alreadyDone?.(answer.status, answer.body)) return undefined;
      throw err;
    }
  });
}

/** The HTTP status and body behind a mapped connector error, when the platform answered at all. */
export function errorAnswer(err: unknown): { status: number; body: unknown } | undefined {
  const cause = err instanceof Error ? err.cause : undefined;
  if (!isAxiosError(cause) || !cause.response) return undefined;
  return { status: cause.response.status, body: cause.response.data };
}

export function parseResponse<T>(system: string, operation: string, schema: z.ZodType<T>, data: unknown): T {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue.path.length > 0 ? issue.path.map(String).join('.') : '(body)';
  throw new PermanentError(system, operation, 'rejected', `malformed response: field "${field}": ${issue.message}`);
}

/** What a 204 (or an empty 200) carries. */
export const noContent = z.union([z.literal(''), z.null(), z.undefined()]);

/** Checks what we are about to send against the operation's request schema; a bad value is ours to fix, not the platform's. */
export function outgoing<S extends z.ZodType>(system: string, operation: string, schema: S, value: z.input<S>): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new PermanentError(system, operation, 'validation', `request field "${issue.path.map(String).join('.')}": ${issue.message}`);
}
