import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import axios from 'axios';
import { z } from 'zod';
import { PermanentError } from '../errors';
import { connectorHttpDefaults } from '../http-defaults';
import { measureCall } from '../measure';
import { SoapClient } from '../soap-client';
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
  private readonly soap: SoapClient;
  private sessnum?: string;
  private loggingIn?: Promise<string>;
  private manager?: number;
  private readonly meters = new AsyncLocalStorage<Meter>();
  /** Response headers by node-soap exchange id: the only race-free way to see one call's Set-Cookie. */
  private readonly awaitingHeaders = new Map<string, (headers: ResponseHeaders) => void>();

  constructor(private readonly options: LanbillingClientOptions) {
    this.system = options.system ?? 'lanbilling';
    this.soap = new SoapClient({
      url: options.url,
      wsdl: options.wsdl,
      timeoutMs: options.timeoutMs,
      system: this.system,
      contract: 'api3 WSDL',
      contractSource: API3_WSDL_DOC,
      endpoint: options.url,
      http: axios.create(connectorHttpDefaults()),
      prepare: (client) => {
        client.on('response', (_body: unknown, response: { headers?: ResponseHeaders } | undefined, exchangeId: string) => {
          this.awaitingHeaders.get(exchangeId)?.(response?.headers);
        });
      },
      toConnectorError,
      logger: options.logger,
    });
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

  /** Parses api3's WSDL now; the session is opened by the first call. */
  prepare(): Promise<void> {
    return this.soap.prepare();
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
    const method = await this.soap.method(operation);
    const meter = this.meters.getStore();
    if (meter) meter.calls += 1;
    const [result] = await method(args, { timeout: this.options.timeoutMs, exchangeId }, sessnum ? { Cookie: `sessnum=${sessnum}` } : {});
    return result;
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
