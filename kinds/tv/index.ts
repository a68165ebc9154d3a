import { tvPort } from '../../connectors/tv/port';
import type { ServiceKind } from '../kind';
import { DesiredTv, planTv } from './plan';
import { TvSettings, tvSettingsSchema } from './settings';
import { applyTvStep, describeTvStep, planTvSteps, TvStep } from './steps';

export type { TvSettings } from './settings';
export type { DesiredTv } from './plan';
export type { TvStep } from './steps';

/**
 * "tv": packages and set-top points of each TV plan billing sells, on whichever TV platform billing
 * names for the plan; suspended while billing blocks; platform data (Beenius id and PIN) written
 * back to billing after the platform confirmed it.
 */
export const tvKind: ServiceKind<TvSettings, DesiredTv, TvStep> = {
  kind: 'tv',
  title: 'TV packages and set-top points',
  settingsSchema: tvSettingsSchema,
  port: tvPort,
  platformsNamed: (settings) => Object.entries(settings.platformByCode).map(([code, name]) => ({ path: ['platformByCode', code], name })),
  plan: planTv,
  planSteps: planTvSteps,
  applyStep: applyTvStep,
  describeStep: describeTvStep,
};
