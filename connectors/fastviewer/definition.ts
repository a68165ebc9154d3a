import { z } from 'zod';
import { meetingPort } from '../meetings/port';
import type { MeetingLicensePlatform } from '../meetings/port';
import type { ConnectorDefinition } from '../ports';

export const fastviewerConfigSchema = z
  .object({
    /** Base URL of the FastViewer ASP server; the interfaces are <url>/asp and <url>/xmlrpc unless given below. */
    url: z.url({ protocol: /^https?$/ }),
    aspUrl: z.url({ protocol: /^https?$/ }).optional(),
    sessionUrl: z.url({ protocol: /^https?$/ }).optional(),
    /** The reseller's ASP user and key (HTTP Basic). */
    user: z.string().min(1),
    key: z.string().min(1),
    /** The parent license new licenses go under unless a call names another. */
    parentLicense: z.string().regex(/^\d+$/, 'must be a license number (digits)'),
    timeoutMs: z.number().int().positive().default(10_000),
  })
  .strict();
export type FastViewerConfig = z.infer<typeof fastviewerConfigSchema>;

/** FastViewer ASP reseller: licenses under a parent license (profile, lines, trials), usage to the second, XML-RPC session control. */
export const fastviewerConnector: ConnectorDefinition<FastViewerConfig, MeetingLicensePlatform> = {
  kind: 'fastviewer',
  title: 'FastViewer',
  port: meetingPort,
  configSchema: fastviewerConfigSchema,
  // The protocol clients (XML-RPC among them) load with the first instance: a process whose config names no FastViewer never loads them.
  create: (name, config, deps) => {
    const { FastViewerClient } = require('./client') as typeof import('./client');
    const { FastViewerLicensePlatform } = require('./platform') as typeof import('./platform');
    const base = config.url.replace(/\/+$/, '');
    const client = new FastViewerClient({
      aspUrl: config.aspUrl ?? `${base}/asp`,
      sessionUrl: config.sessionUrl ?? `${base}/xmlrpc`,
      user: config.user,
      key: config.key,
      timeoutMs: config.timeoutMs,
    });
    return new FastViewerLicensePlatform(name, client, config.parentLicense, deps.logger.child({ connector: name }));
  },
};
