export { videoResellConfigSchema } from './config';
export type { VideoResellConfig } from './config';
export { videoResellConnector } from './definition';
export { createVideoResellPlatform } from './factory';
export type { VideoResellOptions } from './factory';
export { VideoResellPlatform, accountKeyOf } from './platform';
export { FileCredentialStore, MemoryCredentialStore } from './credential-store';
export type { CredentialStore, StoredCredential } from './credential-store';
