import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import axios, { isAxiosError } from 'axios';
import * as soap from 'soap';
import { z } from 'zod';
import { PermanentError, TransientError } from '../errors';
import { connectorHttpDefaults } from '../http-defaults';
import { fromHttpError } from '../http-errors';
import { measureCall } from '../measure';
import type { Logger } from '../../domain/logger';
import { isSessionLost, toConnectorError } from './errors';
import { API3_WSDL_DOC, listResponse, parseAnswer } from './schemas';

export interface LanbillingClientOptions {
  /** api3 endpoint, e.g. http://billing:34012/ */
  url: string;
  /** WSDL as a URL or a file path; defaults to `${url}?wsdl`. Its imports (api3.wsdl imports encoding.xml) are read beside it. */
  wsdl?: string;
  login: string;
  password: string;
  /** Per-call timeout (also for the WSDL fetch). */
  timeoutMs: number;
  logger: Logger;
  /** Connector instance name used in errors and logs. */
  system?: string;
}

type AsyncMethod = (args: object, options: object, extraHeaders: object) => Promise<[unknown, ...unknown[]]>;
type ResponseHeaders = Record<string, unknown> | undefined;

const loginAnswer = listResponse(z.object({ manager: z.object({ personid: z.number().int(), login: z.string().default('') }) }));

/** Counts the SOAP calls made inside one `metered` run (Login and retries included). */
interface Meter { calls: number }

/**
 * The api3 protocol client: node-soap over the billing's WSDL, a manager session kept in
 * the `sessnum` cookie, and error mapping. It logs in on first use; when a call fails
 * because the session expired it logs in again and retries that call once.
 */
export class LanbillingClient {
  readonly system: string;
  private soapClient?: Promise<soap.Client>;
  private sessnum?: string;
  private loggingIn?: Promise<string>;
  private manager?: number;
  private readonly meters = new AsyncLocalStorage<Meter>();
  /** Response headers by node-soap exchange id: the only race-free way to see one call's Set-Cookie. */
  private readonly awaitingHeaders = new Map<string, (headers: ResponseHeaders) => void>();

  constructor(private readonly options: LanbillingClientOptions) {
    this.system = options.system ?? 'lanbilling';
  }

  /** Calls an api3 operation in the manager session and parses its answer with `answer`. */
  call<S extends z.ZodType>(operation: string, args: object, answer: S): Promise<z.output<S>> {
    return measureCall(this.system, operation, async () => {
      const raw = await this.inSession(operation, (sessnum) => this.invoke(operation, args, sessnum));
      return parseAnswer(this.system, operation, answer, raw);
    });
  }

  /** Runs `work` and counts the SOAP calls it made, however they interleave with other work on this client. */
  async metered<T>(work: () => Promise<T>): Promise<{ result: T; calls: number }> {
    const meter: Meter = { calls: 0 };
    const result = await this.meters.run(meter, work);
    return { result, calls: meter.calls };
  }

  /** The personid of the manager this client is logged in as (known after the first call). */
  get personid(): number | undefined {
    return this.manager;
  }

  /** Ends the session (best effort: an expired session is as good as a closed one). */
  async logout(): Promise<void> {
    const sessnum = this.sessnum;
    this.sessnum = undefined;
    if (!sessnum) return;
    try {
      await this.invoke('Logout', {}, sessnum);
    } catch (err) {
      this.options.logger.debug({ system: this.system, err: toConnectorError(this.system, 'Logout', err).message }, 'LANBilling Logout failed');
    }
  }

  private async inSession(operation: string, run: (sessnum: string) => Promise<unknown>): Promise<unknown> {
    const sessnum = await this.session();
    try {
      return await run(sessnum);
    } catch (err) {
      if (!isSessionLost(err)) throw toConnectorError(this.system, operation, err);
      this.options.logger.info({ system: this.system, operation }, 'LANBilling session expired; logging in again and retrying once');
      // Another call may already have replaced the session; only drop the one that failed.
      if (this.sessnum === sessnum) this.sessnum = undefined;
      const fresh = await this.session();
      try {
        return await run(fresh);
      } catch (retryErr) {
        throw toConnectorError(this.system, operation, retryErr);
      }
    }
  }

  private session(): Promise<string> {
    if (this.sessnum) return Promise.resolve(this.sessnum);
    this.loggingIn ??= this.login().finally(() => {
      this.loggingIn = undefined;
    });
    return this.loggingIn;
  }

  private async login(): Promise<string> {
    const exchangeId = randomUUID();
    let headers: ResponseHeaders;
    this.awaitingHeaders.set(exchangeId, (h) => {
      headers = h;
    });
    let raw: unknown;
    try {
      // No public reference page; modelled on lbapi__Login in api3.wsdl (see API3_WSDL_DOC).
      raw = await this.invoke('Login', { login: this.options.login, pass: this.options.password }, undefined, exchangeId);
    } catch (err) {
      throw toConnectorError(this.system, 'Login', err);
    } finally {
      this.awaitingHeaders.delete(exchangeId);
    }
    const manager = parseAnswer(this.system, 'Login', loginAnswer, raw).ret[0]?.manager;
    const sessnum = sessnumOf(headers?.['set-cookie']);
    if (!sessnum) throw new PermanentError(this.system, 'Login', 'auth', 'Login answered without a sessnum cookie');
    this.sessnum = sessnum;
    this.manager = manager?.personid;
    this.options.logger.info({ system: this.system, personid: manager?.personid }, 'logged in to LANBilling');
    return sessnum;
  }

  private async invoke(operation: string, args: object, sessnum: string | undefined, exchangeId?: string): Promise<unknown> {
    const client = await this.soap();
    const method = (client as unknown as Record<string, AsyncMethod | undefined>)[`${operation}Async`];
    if (typeof method !== 'function') throw new PermanentError(this.system, operation, 'rejected', `the api3 WSDL has no operation ${operation}`);
    const meter = this.meters.getStore();
    if (meter) meter.calls += 1;
    const [result] = await method.call(client, args, { timeout: this.options.timeoutMs, exchangeId }, sessnum ? { Cookie: `sessnum=${sessnum}` } : {});
    return result;
  }

  private soap(): Promise<soap.Client> {
    this.soapClient ??= this.createSoapClient().catch((err: unknown) => {
      // Let the next call try again (the billing may just have been down).
      this.soapClient = undefined;
      throw err;
    });
    return this.soapClient;
  }

  private async createSoapClient(): Promise<soap.Client> {
    const { xml, location } = await this.loadWsdl();
    let client: soap.Client;
    try {
      client = await soap.createClientAsync(xml, {
        endpoint: this.options.url,
        request: axios.create(connectorHttpDefaults()),
        // This client keeps the one it made; node-soap's own cache would keep every WSDL text it ever saw.
        disableCache: true,
        wsdl_options: {
          timeout: this.options.timeoutMs,
          // node-soap only sees the WSDL's text, so it cannot place its relative imports: they sit beside the WSDL.
          overrideImportLocation: (_resolved: string, _parent: string, imported: string) =>
            /^https?:/i.test(location) ? new URL(imported, location).toString() : path.resolve(path.dirname(location), imported),
        },
      });
    } catch (err) {
      if (isAxiosError(err)) throw fromHttpError(this.system, 'wsdl', err);
      // node-soap reports an import answered with another status than 200 as a plain Error naming the code.
      const status = Number(/Invalid WSDL URL:[\s\S]*Code: (\d+)/.exec((err as Error).message)?.[1]);
      if (status >= 500 || status === 408 || status === 429) throw new TransientError(this.system, 'wsdl', `an import of the api3 WSDL answered HTTP ${status}`, { cause: err });
      throw new PermanentError(this.system, 'wsdl', 'rejected', `unusable api3 WSDL (${API3_WSDL_DOC} is the vendor's): ${(err as Error).message}`, { cause: err });
    }
    client.on('response', (_body: unknown, response: { headers?: ResponseHeaders } | undefined, exchangeId: string) => {
      this.awaitingHeaders.get(exchangeId)?.(response?.headers);
    });
    return client;
  }

  private async loadWsdl(): Promise<{ xml: string; location: string }> {
    const location = this.options.wsdl ?? `${this.options.url}?wsdl`;
    let xml: string;
    if (/^https?:/i.test(location)) {
      try {
        const response = await axios.get<string>(location, { timeout: this.options.timeoutMs, responseType: 'text', transformResponse: (data: string) => data });
        xml = response.data;
      } catch (err) {
        throw fromHttpError(this.system, 'wsdl', err);
      }
    } else {
      try {
        xml = await readFile(location, 'utf8');
      } catch (err) {
        throw new PermanentError(this.system, 'wsdl', 'rejected', `cannot read the api3 WSDL file ${location}: ${(err as Error).message}`, { cause: err });
      }
    }
    // node-soap takes a string as WSDL text only when it starts with the XML declaration.
    xml = xml.trimStart();
    return { xml: xml.startsWith('<?xml') ? xml : `<?xml version="1.0" encoding="UTF-8"?>${xml}`, location };
  }
}

function sessnumOf(setCookie: unknown): string | undefined {
  const cookies = Array.isArray(setCookie) ? setCookie : setCookie === undefined ? [] : [setCookie];
  for (const cookie of cookies) {
    const match = /(?:^|;\s*)sessnum=([^;]+)/.exec(String(cookie));
    if (match) return match[1];
  }
  return undefined;
}
