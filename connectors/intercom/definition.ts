import { z } from 'zod';
import { accessPort, AccessPlatform } from '../access/port';
import type { ConnectorDefinition } from '../ports';

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
  // The protocol client loads with the first instance: a process whose config names no intercom platform never loads it.
  create: (name, config, deps) => {
    const { IntercomClient } = require('./client') as typeof import('./client');
    const { IntercomPlatform } = require('./platform') as typeof import('./platform');
    return new IntercomPlatform(name, new IntercomClient(config), deps.logger.child({ connector: name }));
  },
};
