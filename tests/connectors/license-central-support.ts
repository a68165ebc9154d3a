import pino from 'pino';
import { licenseCentralConfigSchema, licenseCentralConnector, LicenseCentralConfigInput, LicenseCentralServer } from '../../connectors/license-central';
import { redactPaths } from '../../runtime/logger';
import { DEFAULT_LICENSE_CENTRAL_USER, LicenseCentralSeed } from '../../simulators/license-central';

/** Shared by the License Central connector tests: a connector wired to a running simulator, with its log lines captured. */
export function connectTo(target: { url: string }, overrides: Partial<LicenseCentralConfigInput> = {}): { server: LicenseCentralServer; logs: string[] } {
  const logs: string[] = [];
  const logger = pino({ level: 'debug', redact: { paths: redactPaths, censor: '[redacted]' } }, { write: (line: string) => void logs.push(line) });
  const config = licenseCentralConfigSchema.parse({
    url: target.url,
    credentials: { user: DEFAULT_LICENSE_CENTRAL_USER.user, password: DEFAULT_LICENSE_CENTRAL_USER.password },
    timeoutMs: 2000,
    ...overrides,
  });
  return { server: licenseCentralConnector.create('license-central', config, { logger }), logs };
}

export const FIRM = 6000010;
/** Intercom app: a subscription license that runs 30 days from its first activation. */
export const APP = { firmCode: FIRM, productCode: 201 };
/** Video archive add-on: no expiry. */
export const ARCHIVE = { firmCode: FIRM, productCode: 202 };
/** A trial with a fixed end date. */
export const TRIAL = { firmCode: FIRM, productCode: 203 };
export const TRIAL_END = '2027-01-31T00:00:00.000Z';

export const catalogueSeed: LicenseCentralSeed = {
  items: [
    { ...APP, name: 'Intercom App (30 days)', expiry: { kind: 'days_after_first_activation', days: 30 } },
    { ...ARCHIVE, name: 'Video archive' },
    { ...TRIAL, name: 'Intercom trial', expiry: { kind: 'fixed', date: TRIAL_END } },
  ],
};

export const DAY_MS = 86_400_000;
