import type { ConnectorDefinition } from '../ports';
import { videoRoomsPort } from '../video-rooms/port';
import type { VideoRoomsPlatform } from '../video-rooms/port';
import { VideoResellConfig, videoResellConfigSchema } from './config';

/** StreamWise-style video resell platform: customers by e-mail, accounts on subscriptions with an owner, rooms per plan. */
export const videoResellConnector: ConnectorDefinition<VideoResellConfig, VideoRoomsPlatform> = {
  kind: 'video-resell',
  title: 'video resell platform',
  port: videoRoomsPort,
  configSchema: videoResellConfigSchema,
  // The REST client and the credential rotation load with the first instance: a process whose config names no video resell platform never loads them.
  create: (name, config, deps) => (require('./factory') as typeof import('./factory')).createVideoResellPlatform(name, config, deps),
};
