import type { Logger } from '../../domain/logger';
import { BasicAuthSoapService, SoapClient } from '../soap-client';
import { toConnectorError } from './errors';

/**
 * The CmLC-API protocol client: node-soap over License Central's WSDL (each interface at the
 * location its port names), HTTP Basic credentials on every call, errors mapped by CmLC's Fault
 * codes. `service.url` is the base of the CmLC-API, e.g. https://lc.example/cmlc.
 */
export class LicenseCentralClient extends SoapClient {
  constructor(service: BasicAuthSoapService, logger: Logger, system = 'license-central') {
    super({ url: service.url, wsdl: service.wsdl, timeoutMs: service.timeoutMs, credentials: service.credentials, system, contract: 'CmLC-API WSDL', toConnectorError, logger });
  }
}
