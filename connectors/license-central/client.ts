import { readFile } from 'node:fs/promises';
import axios from 'axios';
import * as soap from 'soap';
import { z } from 'zod';
import { PermanentError } from '../errors';
import { fromHttpError } from '../http-errors';
import { withoutCredentials } from '../soap-errors';
import type { Logger } from '../../domain/logger';
import { toConnectorError } from './errors';
import { parseAnswer } from './schemas';

export interface LicenseCentralClientOptions {
  /** Base of the CmLC-API, e.g. https://lc.example/cmlc. */
  url: string;
  /** WSDL as a URL or a file path; defaults to `${url}?wsdl`. */
  wsdl?: string;
  user: string;
  password: string;
  /** Per-call timeout (also for the WSDL fetch). */
  timeoutMs: number;
  logger: Logger;
  /** Connector instance name used in errors and logs. */
  system?: string;
}

type AsyncMethod = (args: object, options: object) => Promise<[unknown, ...unknown[]]>;

/**
 * The CmLC-API protocol client: node-soap over License Central's WSDL (each interface at the
 * location its port names), HTTP Basic credentials on every call, errors mapped onto the
 * connector error types. The credentials go only into the Authorization header, never a log.
 */
export class LicenseCentralClient {
  readonly system: string;
  private soapClient?: Promise<soap.Client>;

  constructor(private readonly options: LicenseCentralClientOptions) {
    this.system = options.system ?? 'license-central';
  }

  /** Calls a CmLC-API operation and parses its answer with `answer`. */
  async call<S extends z.ZodType>(operation: string, args: object, answer: S): Promise<z.output<S>> {
    let raw: unknown;
    try {
      const client = await this.soap();
      const method = (client as unknown as Record<string, AsyncMethod | undefined>)[`${operation}Async`];
      if (typeof method !== 'function') throw new PermanentError(this.system, operation, 'rejected', `the CmLC-API WSDL has no operation ${operation}`);
      [raw] = await method.call(client, args, { timeout: this.options.timeoutMs });
    } catch (err) {
      const mapped = toConnectorError(this.system, operation, withoutCredentials(err));
      this.options.logger.debug({ system: this.system, operation, kind: mapped.kind, err: mapped.message }, 'License Central call failed');
      throw mapped;
    }
    // An answer whose elements are all optional and absent arrives as null.
    return parseAnswer(this.system, operation, answer, raw ?? {});
  }

  private soap(): Promise<soap.Client> {
    this.soapClient ??= this.createSoapClient().catch((err: unknown) => {
      // Let the next call try again (License Central may just have been down).
      this.soapClient = undefined;
      throw err;
    });
    return this.soapClient;
  }

  private async createSoapClient(): Promise<soap.Client> {
    const xml = await this.loadWsdl();
    let client: soap.Client;
    try {
      client = await soap.createClientAsync(xml, {});
    } catch (err) {
      throw new PermanentError(this.system, 'wsdl', 'rejected', `unusable CmLC-API WSDL: ${(err as Error).message}`, { cause: err });
    }
    client.setSecurity(new soap.BasicAuthSecurity(this.options.user, this.options.password));
    return client;
  }

  private async loadWsdl(): Promise<string> {
    const location = this.options.wsdl ?? `${this.options.url}?wsdl`;
    let xml: string;
    if (/^https?:/i.test(location)) {
      try {
        const response = await axios.get<string>(location, {
          timeout: this.options.timeoutMs,
          auth: { username: this.options.user, password: this.options.password },
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
        throw new PermanentError(this.system, 'wsdl', 'rejected', `cannot read the CmLC-API WSDL file ${location}: ${(err as Error).message}`, { cause: err });
      }
    }
    // node-soap takes a string as WSDL text only when it starts with the XML declaration.
    xml = xml.trimStart();
    return xml.startsWith('<?xml') ? xml : `<?xml version="1.0" encoding="UTF-8"?>${xml}`;
  }
}
