export { videoResellConfigSchema, videoResellConnector } from './definition';
export type { VideoResellConfig } from './definition';
export { createVideoResellPlatform } from './factory';
export type { VideoResellOptions } from './factory';
export { VideoResellPlatform, accountKeyOf } from './platform';
export { FileCredentialStore, MemoryCredentialStore } from './credential-store';
export type { CredentialStore, StoredCredential } from './credential-store';
