import { licenseServerPort } from '../licensing/port';
import type { ConnectorDefinition } from '../ports';
import { LicenseCentralConfig, licenseCentralConfigSchema } from './config';
import type { LicenseCentralServer } from './license-server';

/** CodeMeter License Central (CmLC-API over SOAP) as a license server. */
export const licenseCentralConnector: ConnectorDefinition<LicenseCentralConfig, LicenseCentralServer> = {
  kind: 'license-central',
  title: 'CodeMeter License Central',
  port: licenseServerPort,
  configSchema: licenseCentralConfigSchema,
  // The SOAP client loads with the first instance: a process whose config names no License Central never loads it.
  create(name, config, deps) {
    const { LicenseCentralClient } = require('./client') as typeof import('./client');
    const { LicenseCentralServer } = require('./license-server') as typeof import('./license-server');
    return new LicenseCentralServer(name, new LicenseCentralClient(config, deps.logger, name), config, deps.logger);
  },
};
