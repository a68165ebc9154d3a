import { accessPort } from '../../connectors/access/port';
import type { ServiceKind } from '../kind';
import { DesiredAccess, planAccess } from './plan';
import { AccessSettings, accessSettingsSchema } from './settings';
import { AccessStep, applyAccessStep, describeAccessStep, planAccessSteps } from './steps';

export type { AccessSettings, CapabilityMatrix } from './settings';
export type { DesiredAccess } from './plan';
export type { AccessStep } from './steps';

/**
 * "access": a platform grants capabilities to an account under a profile found by login (the
 * intercom). Link before create; several accounts (apartments) are addresses of one profile; the
 * last one leaving removes it; partial blocking is the capability matrix in config.
 */
export const accessKind: ServiceKind<AccessSettings, DesiredAccess, AccessStep> = {
  kind: 'access',
  title: 'capability access (intercom)',
  settingsSchema: accessSettingsSchema,
  port: accessPort,
  platformsNamed: (settings) => [{ path: ['platform'], name: settings.platform }],
  plan: planAccess,
  planSteps: planAccessSteps,
  applyStep: applyAccessStep,
  describeStep: describeAccessStep,
};
