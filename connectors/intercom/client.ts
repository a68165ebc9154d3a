import { connectorHttpDefaults } from '../http-defaults';
import axios, { AxiosInstance, AxiosRequestConfig } from 'axios';
import type { z } from 'zod';
import { PermanentError } from '../errors';
import { fromHttpError } from '../http-errors';
import { measureCall } from '../measure';

export const SYSTEM = 'intercom';

export interface IntercomClientConfig {
  /** Platform root, e.g. https://intercom.example.net; the client adds /api/v1. */
  url: string;
  token: string;
  timeoutMs: number;
}

/**
 * The intercom platform's REST client: bearer auth, timeouts, Idempotency-Key on writes,
 * zod-checked answers, and every failure mapped to the connector error types.
 */
export class IntercomClient {
  private readonly http: AxiosInstance;

  constructor(config: IntercomClientConfig) {
    this.http = axios.create({
      ...connectorHttpDefaults(),
      baseURL: `${config.url.replace(/\/+$/, '')}/api/v1`,
      timeout: config.timeoutMs,
      headers: { Authorization: `Bearer ${config.token}`, Accept: 'application/json' },
    });
  }

  call<S extends z.ZodType>(operation: string, request: AxiosRequestConfig & { idempotencyKey?: string }, responseSchema: S): Promise<z.infer<S>> {
    return measureCall(SYSTEM, operation, () => this.send(operation, request, responseSchema));
  }

  private async send<S extends z.ZodType>(operation: string, request: AxiosRequestConfig & { idempotencyKey?: string }, responseSchema: S): Promise<z.infer<S>> {
    const { idempotencyKey, ...config } = request;
    let data: unknown;
    try {
      const response = await this.http.request({
        ...config,
        headers: { ...config.headers, ...(idempotencyKey === undefined ? {} : { 'Idempotency-Key': idempotencyKey }) },
      });
      data = response.data;
    } catch (err) {
      throw fromHttpError(SYSTEM, operation, err);
    }
    const parsed = responseSchema.safeParse(data);
    if (!parsed.success) throw new PermanentError(SYSTEM, operation, 'rejected', `unexpected response: ${describeIssue(parsed.error)}`);
    return parsed.data;
  }
}

/** Checks what we are about to send; bad input is the caller's problem and never reaches the platform. */
export function parseInput<S extends z.ZodType>(operation: string, schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new PermanentError(SYSTEM, operation, 'validation', describeIssue(parsed.error));
  return parsed.data;
}

/** "addresses[0].capabilities[1]: Invalid option ...": the first issue, naming its field. */
function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  const field = issue.path.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)), '');
  return `${field || '(root)'}: ${issue.message}`;
}
