import { meetingPort } from '../../connectors/meetings/port';
import type { ServiceKind } from '../kind';
import { DesiredMeeting, planMeeting } from './plan';
import { meetingSessions } from './sessions';
import { MeetingSettings, meetingSettingsSchema } from './settings';
import { applyMeetingStep, describeMeetingStep, MeetingStep, planMeetingSteps } from './steps';
import { meetingUsage } from './usage';

export type { MeetingSettings, MeetingPlan } from './settings';
export type { DesiredMeeting } from './plan';
export type { MeetingStep } from './steps';

/**
 * "meeting": a meeting license (FastViewer-style ASP reseller) per account: a child license under
 * the configured parent with the plan's profile and concurrent lines (or a trial), blocked while
 * billing blocks the account, deleted when the service or the account ends. Sessions on it are
 * booked and controlled through the API; their seconds are billed at month end to the holder of
 * the parent license (usage billing).
 */
export const meetingKind: ServiceKind<MeetingSettings, DesiredMeeting, MeetingStep> = {
  kind: 'meeting',
  title: 'meeting licenses (lines, profile, trial) and their sessions',
  settingsSchema: meetingSettingsSchema,
  port: meetingPort,
  platformsNamed: (settings) => [{ path: ['platform'], name: settings.platform }],
  plan: planMeeting,
  planSteps: planMeetingSteps,
  applyStep: applyMeetingStep,
  describeStep: describeMeetingStep,
  sessions: meetingSessions,
  usage: meetingUsage,
};
