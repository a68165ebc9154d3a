import { z } from 'zod';
import { accessPort, AccessPlatform } from '../access/port';
import type { ConnectorDefinition } from '../ports';
import { IntercomClient } from './client';
import { IntercomPlatform } from './platform';

export { IntercomPlatform } from './platform';
export { CAPABILITIES as INTERCOM_CAPABILITIES } from './schemas';

export const intercomConfigSchema = z.object({
  /** Platform root; the connector calls <url>/api/v1/... */
  url: z.url({ protocol: /^https?$/ }),
  /** Bearer token issued by the platform. */
  token: z.string().min(1),
  timeoutMs: z.number().int().positive().default(10_000),
});
export type IntercomConfig = z.infer<typeof intercomConfigSchema>;

/** Intersvyaz-style intercom platform: client profiles by login, one address per billing account. */
export const intercomConnector: ConnectorDefinition<IntercomConfig, AccessPlatform> = {
  kind: 'intercom',
  title: 'Intersvyaz intercom',
  port: accessPort,
  configSchema: intercomConfigSchema,
  create: (name, config, deps) => new IntercomPlatform(name, new IntercomClient(config), deps.logger.child({ connector: name })),
};
