import type { ConnectorDefinition } from '../ports';
import { LoginAddressedTvPlatform } from '../tv/platform';
import { tvPort, TvPlatform } from '../tv/port';
import { IonClient } from './client';
import { ionOperations } from './platform';
import { IonConfig, ionConfigSchema } from './schemas';

export type { IonConfig } from './schemas';

/** ION: OAuth 2 client-credentials bearer tokens; subscribers by username, products by numeric id. */
export const ionConnector: ConnectorDefinition<IonConfig, TvPlatform> = {
  kind: 'ion',
  title: 'ION',
  port: tvPort,
  features: { devices: true },
  configSchema: ionConfigSchema,
  create: (name, config, deps) => new LoginAddressedTvPlatform(name, 'ion', 'ION', ionOperations(new IonClient(name, config)), deps.logger),
};
