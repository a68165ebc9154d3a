import type { ConnectorDeps } from '../ports';
import { createHttp, VideoResellClient } from './client';
import { CredentialStore, FileCredentialStore, MemoryCredentialStore } from './credential-store';
import { CredentialManager } from './credentials';
import type { VideoResellConfig } from './config';
import { VideoResellPlatform } from './platform';

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
