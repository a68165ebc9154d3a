import { videoRoomsPort } from '../video-rooms/port';
import { z } from 'zod';
import type { ConnectorDefinition, ConnectorDeps } from '../ports';
import type { VideoRoomsPlatform } from '../video-rooms/port';
import { createHttp, VideoResellClient } from './client';
import { CredentialStore, FileCredentialStore, MemoryCredentialStore } from './credential-store';
import { CredentialManager } from './credentials';
import { VideoResellPlatform } from './platform';

export { VideoResellPlatform, accountKeyOf } from './platform';
export { FileCredentialStore, MemoryCredentialStore } from './credential-store';
export type { CredentialStore, StoredCredential } from './credential-store';

export const videoResellConfigSchema = z
  .object({
    /** Platform API root, e.g. https://api.resell.example; tokens at <url>/oauth/token, resources at <url>/api/v1. */
    url: z.url({ protocol: /^https?$/ }),
    /** The API credential (client id and secret) from the platform's API Credentials page. */
    clientId: z.string().min(1),
    clientSecret: z.string().min(1),
    timeoutMs: z.number().int().positive().default(10_000),
    /** Renew the access token when less than this is left. */
    refreshBeforeSeconds: z.number().int().nonnegative().default(60),
    /** Rotate the API credential when less than this is left before its expiration date. */
    rotateBeforeDays: z.number().positive().default(14),
    /** Validity of a rotated credential (the platform allows up to a year). */
    rotateValidityDays: z.number().positive().max(365).default(90),
    /** How often to look at the credential's expiration date. */
    credentialCheckMinutes: z.number().positive().default(60),
    /** Where a rotated secret is kept (JSON, mode 0600); without it a rotated secret lives in memory only. */
    credentialsFile: z.string().min(1).optional(),
  })
  .strict()
  .refine((c) => c.rotateValidityDays > c.rotateBeforeDays, { message: 'must be longer than rotateBeforeDays', path: ['rotateValidityDays'] });
export type VideoResellConfig = z.infer<typeof videoResellConfigSchema>;

export interface VideoResellOptions extends ConnectorDeps {
  /** Clock for token and credential expiry (tests align it with the simulator's). */
  now?: () => number;
  /** Overrides `credentialsFile` (e.g. a store in the database). */
  credentialStore?: CredentialStore;
}

export function createVideoResellPlatform(name: string, config: VideoResellConfig, options: VideoResellOptions): VideoResellPlatform {
  const logger = options.logger.child({ connector: name });
  const http = createHttp(config.url, config.timeoutMs);
  const store = options.credentialStore ?? (config.credentialsFile ? new FileCredentialStore(config.credentialsFile) : new MemoryCredentialStore());
  const day = 86_400_000;
  const credentials = new CredentialManager(
    http,
    { clientId: config.clientId, clientSecret: config.clientSecret },
    store,
    { refreshBeforeMs: config.refreshBeforeSeconds * 1000, rotateBeforeMs: config.rotateBeforeDays * day, rotateValidityMs: config.rotateValidityDays * day, checkEveryMs: config.credentialCheckMinutes * 60_000 },
    options.now ?? Date.now,
    logger,
  );
  return new VideoResellPlatform(name, new VideoResellClient(http, credentials), logger);
}

/** StreamWise-style video resell platform: customers by e-mail, accounts on subscriptions with an owner, rooms per plan. */
export const videoResellConnector: ConnectorDefinition<VideoResellConfig, VideoRoomsPlatform> = {
  kind: 'video-resell',
  title: 'video resell platform',
  port: videoRoomsPort,
  configSchema: videoResellConfigSchema,
  create: (name, config, deps) => createVideoResellPlatform(name, config, deps),
};
