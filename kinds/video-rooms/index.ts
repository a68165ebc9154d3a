import { videoRoomsPort } from '../../connectors/video-rooms/port';
import type { ServiceKind } from '../kind';
import { DesiredVideoRooms, planVideoRooms } from './plan';
import { VideoRoomsSettings, videoRoomsSettingsSchema } from './settings';
import { applyVideoRoomsStep, describeVideoRoomsStep, planVideoRoomsSteps, VideoRoomsStep } from './steps';

export type { VideoRoomsSettings, VideoPlan } from './settings';
export type { DesiredVideoRooms } from './plan';
export type { VideoRoomsStep } from './steps';

/**
 * "video-rooms": a video meeting resell platform (StreamWise-style): the account's holder as a
 * customer (found by e-mail before one is created), an account on the plan's service package
 * with its owner and exactly the plan's rooms; suspended while billing blocks the account,
 * removed (with a customer subsync created) when the service or the account ends.
 */
export const videoRoomsKind: ServiceKind<VideoRoomsSettings, DesiredVideoRooms, VideoRoomsStep> = {
  kind: 'video-rooms',
  title: 'video meeting rooms on a resell platform',
  settingsSchema: videoRoomsSettingsSchema,
  port: videoRoomsPort,
  platformsNamed: (settings) => [{ path: ['platform'], name: settings.platform }],
  plan: planVideoRooms,
  planSteps: planVideoRoomsSteps,
  applyStep: applyVideoRoomsStep,
  describeStep: describeVideoRoomsStep,
};
