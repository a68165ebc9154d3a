import { readFile } from 'node:fs/promises';
import path from 'node:path';
import axios, { AxiosInstance, isAxiosError } from 'axios';
import * as soap from 'soap';
import { z } from 'zod';
import type { Logger } from '../domain/logger';
import { ConnectorError, PermanentError, TransientError } from './errors';
import { fromHttpError } from './http-errors';
import { measureCall } from './measure';
import { withoutCredentials } from './soap-errors';
import { parseAnswer } from './soap-schemas';

/** The least time a WSDL document or one of its imports gets to arrive, whatever the call timeout. */
export const WSDL_MIN_TIMEOUT_MS = 30_000;

/** Where a SOAP service is and how long a call may take, as a connector's config block names them. */
export interface SoapService {
  /** The service's URL; the WSDL defaults to `${url}?wsdl`. */
  url: string;
  /** WSDL as a URL or a file path. Its relative imports are read beside it. */
  wsdl?: string;
  /** Per-call timeout (also for the WSDL and its imports). */
  timeoutMs: number;
  /** HTTP Basic credentials for the WSDL and every call. They go only into the Authorization header, never a log or an error. */
  credentials?: { user: string; password: string };
}

/** A service that takes HTTP Basic credentials. */
export type BasicAuthSoapService = SoapService & Required<Pick<SoapService, 'credentials'>>;

export interface SoapClientOptions extends SoapService {
  /** Connector instance name used in errors and logs. */
  system: string;
  /** How errors name the WSDL, e.g. "api3 WSDL". */
  contract: string;
  /** Where the vendor publishes that WSDL, named when it turns out unusable. */
  contractSource?: string;
  /** Call the service here rather than at the locations the WSDL names (it may sit behind a proxy). */
  endpoint?: string;
  /** The HTTP client node-soap calls with (its own default otherwise). */
  http?: AxiosInstance;
  /** Runs once with each node-soap client made, e.g. to hear its events. */
  prepare?: (client: soap.Client) => void;
  /** Maps a failed call onto the connector error types: each vendor has its own Fault codes. */
  toConnectorError: (system: string, operation: string, err: unknown) => ConnectorError;
  logger: Logger;
}

/** A WSDL operation as node-soap's client offers it: `[result, rawResponse, soapHeader, rawRequest]`. */
export type SoapMethod = (args: object, options: object, extraHeaders?: object) => Promise<[unknown, ...unknown[]]>;

/**
 * node-soap over a vendor's WSDL: the WSDL read from a URL or a file, one client made on first
 * use (a failed attempt is forgotten, the service may just have been down), optional HTTP Basic
 * credentials, and failures mapped onto the connector error types. `call` serves services whose
 * calls stand alone; a client with more to it (a session) builds on `method`.
 */
export class SoapClient {
  readonly system: string;
  private client?: Promise<soap.Client>;

  constructor(private readonly options: SoapClientOptions) {
    this.system = options.system;
  }

  /**
   * Calls an operation and parses its answer with `answer`, measured as a platform call
   * (connectors/measure.ts). Clients with their own session handling (LANBilling) use `method`
   * and measure themselves, so no call is counted twice.
   */
  call<S extends z.ZodType>(operation: string, args: object, answer: S): Promise<z.output<S>> {
    return measureCall(this.system, operation, async () => {
      let raw: unknown;
      try {
        const method = await this.method(operation);
        [raw] = await method(args, { timeout: this.options.timeoutMs });
      } catch (err) {
        const mapped = this.options.toConnectorError(this.system, operation, withoutCredentials(err));
        this.options.logger.debug({ system: this.system, operation, kind: mapped.kind, err: mapped.message }, 'SOAP call failed');
        throw mapped;
      }
      // An answer whose elements are all optional and absent arrives as null.
      return parseAnswer(this.system, operation, answer, raw ?? {});
    });
  }

  /** Loads and parses the WSDL now (hundreds of milliseconds of one thread for a large one), not on the first call. */
  async prepare(): Promise<void> {
    await this.soap();
  }

  /** The WSDL's operation, bound to the client; a PermanentError when the WSDL has none of that name. */
  async method(operation: string): Promise<SoapMethod> {
    const client = await this.soap();
    const method = (client as unknown as Record<string, SoapMethod | undefined>)[`${operation}Async`];
    if (typeof method !== 'function') throw new PermanentError(this.system, operation, 'rejected', `the ${this.options.contract} has no operation ${operation}`);
    return method.bind(client);
  }

  private soap(): Promise<soap.Client> {
    this.client ??= this.createClient().catch((err: unknown) => {
      this.client = undefined;
      throw err;
    });
    return this.client;
  }

  private async createClient(): Promise<soap.Client> {
    const { xml, location } = await this.loadWsdl();
    const { contract, contractSource, endpoint, http, credentials } = this.options;
    let client: soap.Client;
    try {
      client = await soap.createClientAsync(xml, {
        ...(endpoint === undefined ? {} : { endpoint }),
        ...(http === undefined ? {} : { request: http }),
        // This client keeps the one it made; node-soap's own cache would keep every WSDL text it ever saw.
        disableCache: true,
        wsdl_options: {
          timeout: this.wsdlTimeoutMs(),
          // node-soap only sees the WSDL's text, so it cannot place its relative imports: they sit beside the WSDL.
          overrideImportLocation: (_resolved: string, _parent: string, imported: string) =>
            /^https?:/i.test(location) ? new URL(imported, location).toString() : path.resolve(path.dirname(location), imported),
        },
      });
    } catch (err) {
      if (isAxiosError(err)) throw fromHttpError(this.system, 'wsdl', withoutCredentials(err));
      // node-soap reports an import answered with another status than 200 as a plain Error naming the code.
      const status = Number(/Invalid WSDL URL:[\s\S]*Code: (\d+)/.exec((err as Error).message)?.[1]);
      if (status >= 500 || status === 408 || status === 429) throw new TransientError(this.system, 'wsdl', `an import of the ${contract} answered HTTP ${status}`, { cause: err });
      const source = contractSource === undefined ? '' : ` (${contractSource} is the vendor's)`;
      throw new PermanentError(this.system, 'wsdl', 'rejected', `unusable ${contract}${source}: ${(err as Error).message}`, { cause: err });
    }
    if (credentials) client.setSecurity(new soap.BasicAuthSecurity(credentials.user, credentials.password));
    this.options.prepare?.(client);
    return client;
  }

  /**
   * The WSDL and its imports are documents, not calls: LANBilling's is a megabyte, fetched and
   * parsed once per worker while that worker may be busy starting. A call timeout tuned for quick
   * failure (2 s) must not fail the start, so they get at least WSDL_MIN_TIMEOUT_MS.
   */
  private wsdlTimeoutMs(): number {
    return Math.max(this.options.timeoutMs, WSDL_MIN_TIMEOUT_MS);
  }

  private async loadWsdl(): Promise<{ xml: string; location: string }> {
    const { url, wsdl, credentials, contract } = this.options;
    const location = wsdl ?? `${url}?wsdl`;
    let xml: string;
    if (/^https?:/i.test(location)) {
      try {
        const response = await axios.get<string>(location, {
          timeout: this.wsdlTimeoutMs(),
          ...(credentials === undefined ? {} : { auth: { username: credentials.user, password: credentials.password } }),
          responseType: 'text',
          transformResponse: (data: string) => data,
        });
        xml = response.data;
      } catch (err) {
        throw fromHttpError(this.system, 'wsdl', withoutCredentials(err));
      }
    } else {
      try {
        xml = await readFile(location, 'utf8');
      } catch (err) {
        throw new PermanentError(this.system, 'wsdl', 'rejected', `cannot read the ${contract} file ${location}: ${(err as Error).message}`, { cause: err });
      }
    }
    // node-soap takes a string as WSDL text only when it starts with the XML declaration.
    xml = xml.trimStart();
    return { xml: xml.startsWith('<?xml') ? xml : `<?xml version="1.0" encoding="UTF-8"?>${xml}`, location };
  }
}
