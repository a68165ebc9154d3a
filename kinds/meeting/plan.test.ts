import type { BillingAccount } from '../../domain/billing';
import type { ServicePolicy } from '../../domain/policy';
import { planMeeting } from './plan';
import { meetingSettingsSchema, MeetingSettings } from './settings';

const meeting: ServicePolicy<MeetingSettings> = {
  service: 'meeting',
  kind: 'meeting',
  billing: ['lanbilling'],
  settings: meetingSettingsSchema.parse({
    platform: 'fastviewer',
    parentLicense: '100001',
    plans: { '11': { profile: 'P-BASIC', lines: 2 }, '12': { profile: 'P-PRO', lines: 5 }, '13': { lines: 1, trialDays: 14 } },
  }),
};

const account = (over: Partial<BillingAccount>): BillingAccount => ({ billing: 'lanbilling', accountId: '42', agreementId: '4', status: 'active', services: [], ...over });
const plan = (a: BillingAccount, policy = meeting) => planMeeting(a, policy, { slots: [] })[0];

describe('planMeeting', () => {
  it("gives an active account's meeting service the plan's profile and lines, under the configured parent", () => {
    expect(plan(account({ services: [{ service: 'meeting', externalId: 's1', active: true, plan: '12' }] }))).toEqual({
      slot: 'meeting', service: 'meeting', platform: 'fastviewer', parentLicense: '100001', subscriptionId: 's1', present: true, plan: '12', profileId: 'P-PRO', lines: 5, blocked: false,
    });
  });

  it('makes a trial plan a trial license and a plan without a profile a license without one', () => {
    expect(plan(account({ services: [{ service: 'meeting', externalId: 's1', active: true, plan: '13' }] }))).toMatchObject({ trialDays: 14, lines: 1, profileId: null });
  });

  it('blocks the license while billing blocks the account, and wants none when the account is disabled, new or the service ended', () => {
    const svc = [{ service: 'meeting', externalId: 's1', active: true, plan: '11' }];
    expect(plan(account({ status: 'blocked', blockReason: 'manager', services: svc }))).toMatchObject({ present: true, blocked: true, lines: 2 });
    expect(plan(account({ status: 'disabled', services: svc }))).toMatchObject({ present: false });
    expect(plan(account({ status: 'new', services: svc }))).toMatchObject({ present: false });
    expect(plan(account({ services: [{ ...svc[0], active: false }] }))).toMatchObject({ present: false });
    expect(plan(account({ services: [] }))).toMatchObject({ present: false });
  });

  it('follows the active entry when a tariff change left the old one ended beside it', () => {
    const services = [
      { service: 'meeting', externalId: 's1', active: false, plan: '12' },
      { service: 'meeting', externalId: 's2', active: true, plan: '11' },
    ];
    expect(plan(account({ services }))).toMatchObject({ subscriptionId: 's2', plan: '11', lines: 2, profileId: 'P-BASIC' });
  });

  it('says what to configure when billing names a plan nobody mapped, or none and there is no default', () => {
    expect(plan(account({ services: [{ service: 'meeting', externalId: 's1', active: true, plan: '99' }] })).planError).toBe(
      'billing sells service "meeting" under plan "99", which services.meeting.plans does not configure (configured: 11, 12, 13)',
    );
    expect(plan(account({ services: [{ service: 'meeting', externalId: 's1', active: true }] })).planError).toMatch(/no plan and services\.meeting\.defaultPlan is not set/);
    const withDefault = { ...meeting, settings: { ...meeting.settings, defaultPlan: '11' } };
    expect(plan(account({ services: [{ service: 'meeting', externalId: 's1', active: true }] }), withDefault)).toMatchObject({ plan: '11', lines: 2 });
  });
});

describe('meeting settings', () => {
  it('refuses a default plan that is not one of the plans, and a plan without lines', () => {
    const r = meetingSettingsSchema.safeParse({ platform: 'fastviewer', plans: { '11': { lines: 2 } }, defaultPlan: '12' });
    expect(r.success ? [] : r.error.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['defaultPlan', 'must be one of plans']]);
    const noLines = meetingSettingsSchema.safeParse({ platform: 'fastviewer', plans: { '11': { profile: 'P' } } });
    expect(noLines.success ? [] : noLines.error.issues.map((i) => i.path.join('.'))).toEqual(['plans.11.lines']);
  });
});
