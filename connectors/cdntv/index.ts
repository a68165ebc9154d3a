import type { ConnectorDefinition } from '../ports';
import { LoginAddressedTvPlatform } from '../tv/platform';
import { tvPort, TvPlatform } from '../tv/port';
import { CdnTvClient } from './client';
import { cdnTvOperations } from './platform';
import { CdnTvConfig, cdnTvConfigSchema } from './schemas';

export type { CdnTvConfig } from './schemas';

/** CDN TV: JSON REST with an X-Api-Key; customers by login, packages by code. */
export const cdnTvConnector: ConnectorDefinition<CdnTvConfig, TvPlatform> = {
  kind: 'cdntv',
  title: 'CDN TV',
  port: tvPort,
  features: { devices: true },
  configSchema: cdnTvConfigSchema,
  create: (name, config, deps) => new LoginAddressedTvPlatform(name, 'cdntv', 'CDN TV', cdnTvOperations(new CdnTvClient(name, config)), deps.logger),
};
