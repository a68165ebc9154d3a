import type { Logger } from '../../domain/logger';
import { SoapClient } from '../soap-client';
import { toConnectorError } from './errors';

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

/**
 * The CmLC-API protocol client: node-soap over License Central's WSDL (each interface at the
 * location its port names), HTTP Basic credentials on every call, errors mapped by CmLC's Fault
 * codes. The credentials go only into the Authorization header, never a log.
 */
export class LicenseCentralClient extends SoapClient {
  constructor(options: LicenseCentralClientOptions) {
    super({
      url: options.url,
      wsdl: options.wsdl,
      timeoutMs: options.timeoutMs,
      system: options.system ?? 'license-central',
      contract: 'CmLC-API WSDL',
      basicAuth: { user: options.user, password: options.password },
      toConnectorError,
      logger: options.logger,
    });
  }
}
