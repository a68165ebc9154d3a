import type { Logger } from '../../domain/logger';
import { BasicAuthSoapService, SoapClient } from '../soap-client';
import { toConnectorError } from './errors';

/** node-soap over the receiver's WSDL, HTTP Basic credentials (never logged), errors mapped by its Fault codes. */
export class InformaticsSapClient extends SoapClient {
  constructor(service: BasicAuthSoapService, logger: Logger, system = 'informatics-sap') {
    super({
      url: service.url,
      wsdl: service.wsdl,
      timeoutMs: service.timeoutMs,
      credentials: service.credentials,
      system,
      contract: 'receiver WSDL',
      // The configured URL wins over the WSDL's location: the receiver may sit behind a proxy.
      endpoint: service.url,
      toConnectorError,
      logger,
    });
  }
}
