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

export interface InformaticsSapClientOptions {
  url: string;
  wsdl?: string;
  user: string;
  password: string;
  timeoutMs: number;
  logger: Logger;
  system?: string;
}

type AsyncMethod = (args: object, options: object) => Promise<[unknown, ...unknown[]]>;

/** node-soap over the receiver's WSDL, HTTP Basic credentials (never logged), errors mapped. */
export class InformaticsSapClient {
  readonly system: string;
  private soapClient?: Promise<soap.Client>;

  constructor(private readonly options: InformaticsSapClientOptions) {
    this.system = options.system ?? 'informatics-sap';
  }

  async call<S extends z.ZodType>(operation: string, args: object, answer: S): Promise<z.output<S>> {
    let raw: unknown;
    try {
      const client = await this.soap();
      const method = (client as unknown as Record<string, AsyncMethod | undefined>)[`${operation}Async`];
      if (typeof method !== 'function') throw new PermanentError(this.system, operation, 'rejected', `the receiver's WSDL has no operation ${operation}`);
      [raw] = await method.call(client, args, { timeout: this.options.timeoutMs });
    } catch (err) {
      const mapped = toConnectorError(this.system, operation, withoutCredentials(err));
      this.options.logger.debug({ system: this.system, operation, kind: mapped.kind, err: mapped.message }, 'INFORMATICS SAP call failed');
      throw mapped;
    }
    return parseAnswer(this.system, operation, answer, raw ?? {});
  }

  private soap(): Promise<soap.Client> {
    this.soapClient ??= this.createSoapClient().catch((err: unknown) => {
      this.soapClient = undefined;
      throw err;
    });
    return this.soapClient;
  }

  private async createSoapClient(): Promise<soap.Client> {
    let xml = await this.loadWsdl();
    xml = xml.trimStart();
    if (!xml.startsWith('<?xml')) xml = `<?xml version="1.0" encoding="UTF-8"?>${xml}`;
    let client: soap.Client;
    try {
      // The configured URL wins over the WSDL's location: the receiver may sit behind a proxy.
      client = await soap.createClientAsync(xml, {}, this.options.url);
    } catch (err) {
      throw new PermanentError(this.system, 'wsdl', 'rejected', `unusable receiver WSDL: ${(err as Error).message}`, { cause: err });
    }
    client.setSecurity(new soap.BasicAuthSecurity(this.options.user, this.options.password));
    return client;
  }

  private async loadWsdl(): Promise<string> {
    const location = this.options.wsdl ?? `${this.options.url}?wsdl`;
    if (!/^https?:/i.test(location)) {
      try {
        return await readFile(location, 'utf8');
      } catch (err) {
        throw new PermanentError(this.system, 'wsdl', 'rejected', `cannot read the receiver WSDL file ${location}: ${(err as Error).message}`, { cause: err });
      }
    }
    try {
      const response = await axios.get<string>(location, {
        timeout: this.options.timeoutMs,
        auth: { username: this.options.user, password: this.options.password },
        responseType: 'text',
        transformResponse: (data: string) => data,
      });
      return response.data;
    } catch (err) {
      throw fromHttpError(this.system, 'wsdl', withoutCredentials(err));
    }
  }
}
