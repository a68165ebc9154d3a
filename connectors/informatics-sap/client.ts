import type { Logger } from '../../domain/logger';
import { SoapClient } from '../soap-client';
import { toConnectorError } from './errors';

export interface InformaticsSapClientOptions {
  url: string;
  wsdl?: string;
  user: string;
  password: string;
  timeoutMs: number;
  logger: Logger;
  system?: string;
}

/** node-soap over the receiver's WSDL, HTTP Basic credentials (never logged), errors mapped by its Fault codes. */
export class InformaticsSapClient extends SoapClient {
  constructor(options: InformaticsSapClientOptions) {
    super({
      url: options.url,
      wsdl: options.wsdl,
      timeoutMs: options.timeoutMs,
      system: options.system ?? 'informatics-sap',
      contract: 'receiver WSDL',
      basicAuth: { user: options.user, password: options.password },
      // The configured URL wins over the WSDL's location: the receiver may sit behind a proxy.
      endpoint: options.url,
      toConnectorError,
      logger: options.logger,
    });
  }
}
