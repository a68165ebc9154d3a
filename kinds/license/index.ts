import { licenseServerPort } from '../../connectors/licensing/port';
import type { ServiceKind } from '../kind';
import { DesiredLicense, planLicense } from './plan';
import { LicenseSettings, licenseSettingsSchema } from './settings';
import { applyLicenseStep, describeLicenseStep, LicenseStep, planLicenseSteps } from './steps';

export type { LicenseSettings } from './settings';
export type { DesiredLicense, LicenseLine } from './plan';
export type { LicenseStep } from './steps';
export type { LicenseDetail } from './view';

/**
 * "license": software licenses on a license server (CodeMeter License Central). Billing's plan
 * picks the items; enabling orders them on one ticket per subscriber and service (order number
 * `<billing>:<account>:<service>`, one position per item) and writes the ticket number back to
 * billing; blocking suspends the ticket (policy); disabling withdraws the licenses (policy); a
 * plan change orders what is missing and withdraws what is no longer sold.
 */
export const licenseKind: ServiceKind<LicenseSettings, DesiredLicense, LicenseStep> = {
  kind: 'license',
  title: 'software licenses',
  settingsSchema: licenseSettingsSchema,
  port: licenseServerPort,
  platformsNamed: (settings) => [{ path: ['platform'], name: settings.platform }],
  plan: planLicense,
  planSteps: planLicenseSteps,
  applyStep: applyLicenseStep,
  describeStep: describeLicenseStep,
};
