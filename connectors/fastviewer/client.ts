import http from 'node:http';
import https from 'node:https';
import { Deserializer, serializeMethodCall, XmlRpcFault, XmlRpcValue } from '@foxglove/xmlrpc';
import axios, { AxiosInstance } from 'axios';
import type { z } from 'zod';
import { PermanentError } from '../errors';
import { measureCall } from '../measure';
import { toConnectorError } from './errors';

export const SYSTEM = 'fastviewer';

export interface FastViewerClientConfig {
  /** URL of the ASP interface (licenses, profiles, usage). */
  aspUrl: string;
  /** URL of the XML-RPC session interface. */
  sessionUrl: string;
  /** The reseller's ASP user and key, sent as HTTP Basic credentials. */
  user: string;
  key: string;
  timeoutMs: number;
}

export type Interface = 'asp' | 'session';

/**
 * XML-RPC over HTTP for both FastViewer interfaces. Requests and answers are (de)serialised by
 * @foxglove/xmlrpc; axios carries them, because subsync needs what the library's own fetch
 * client does not give: a timeout, a keep-alive pool per connector, and the HTTP status and
 * Retry-After of a failed call. Faults and HTTP failures become connector errors, and every
 * answer is checked with zod.
 */
export class FastViewerClient {
  private readonly http: AxiosInstance;

  constructor(private readonly config: FastViewerClientConfig) {
    this.http = axios.create({
      timeout: config.timeoutMs,
      // The key travels only in the Authorization header axios builds; it is never part of a URL or a log field.
      auth: { username: config.user, password: config.key },
      headers: { 'Content-Type': 'text/xml', Accept: 'text/xml' },
      responseType: 'text',
      transformResponse: (body: unknown) => body,
      httpAgent: new http.Agent({ keepAlive: true }),
      httpsAgent: new https.Agent({ keepAlive: true }),
    });
  }

  call<S extends z.ZodType>(on: Interface, method: string, params: XmlRpcValue[], answer: S): Promise<z.output<S>> {
    return measureCall(SYSTEM, method, () => this.send(on, method, params, answer));
  }

  private async send<S extends z.ZodType>(on: Interface, method: string, params: XmlRpcValue[], answer: S): Promise<z.output<S>> {
    let body: string;
    try {
      const response = await this.http.post<string>(on === 'asp' ? this.config.aspUrl : this.config.sessionUrl, serializeMethodCall(method, params));
      body = response.data;
    } catch (err) {
      throw toConnectorError(SYSTEM, method, err);
    }
    let value: XmlRpcValue;
    try {
      value = await new Deserializer().deserializeMethodResponse(body);
    } catch (err) {
      if (err instanceof XmlRpcFault) throw toConnectorError(SYSTEM, method, err);
      throw new PermanentError(SYSTEM, method, 'rejected', `answer is not an XML-RPC method response: ${(err as Error).message}`, { cause: err });
    }
    const parsed = answer.safeParse(value);
    if (!parsed.success) throw new PermanentError(SYSTEM, method, 'rejected', `unexpected answer: ${describeIssue(parsed.error)}`);
    return parsed.data;
  }
}

/** Checks what we are about to send; bad input never reaches FastViewer. */
export function parseInput<S extends z.ZodType>(operation: string, schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new PermanentError(SYSTEM, operation, 'validation', describeIssue(parsed.error));
  return parsed.data;
}

export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  const field = issue.path.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)), '');
  return `${field || '(root)'}: ${issue.message}`;
}

/** XML-RPC has no null: members we do not send are left out rather than sent as <nil/>. */
export function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
