import type { BillingAccount } from '../../domain/billing';
import { desiredAccess } from './plan';
import type { ServicePolicy } from '../../domain/policy';
import type { AccessSettings } from './settings';

const intercom: ServicePolicy<AccessSettings> = {
  service: 'intercom',
  kind: 'access',
  billing: ['lanbilling'],
  settings: { platform: 'intercom', capabilities: { active: ['door_key', 'handset_call', 'video_archive', 'app_open'], blocked: ['door_key'], inactive: [] } },
};

const account = (over: Partial<BillingAccount>): BillingAccount => ({
  billing: 'lanbilling', accountId: '1', agreementId: '10', login: 'ivanov', status: 'active', services: [], ...over,
});

describe('desiredAccess', () => {
  it('links a new account with no capabilities until its intercom service is active', () => {
    expect(desiredAccess(account({ status: 'new' }), intercom, [])).toMatchObject({ present: true, login: 'ivanov', capabilities: [] });
    const withService = account({ services: [{ service: 'intercom', externalId: 's1', active: true }] });
    expect(desiredAccess(withService, intercom, [])).toMatchObject({ present: true, capabilities: intercom.settings.capabilities.active });
  });

  it('keeps only door_key while blocked', () => {
    const blocked = account({ status: 'blocked', blockReason: 'manager', services: [{ service: 'intercom', externalId: 's1', active: true }] });
    expect(desiredAccess(blocked, intercom, ['intercom'])).toMatchObject({ present: true, capabilities: ['door_key'] });
  });

  it('removes the address when the account is disabled or a once-active service is gone', () => {
    expect(desiredAccess(account({ status: 'disabled' }), intercom, [])).toMatchObject({ present: false });
    expect(desiredAccess(account({ services: [] }), intercom, ['intercom'])).toMatchObject({ present: false });
    expect(desiredAccess(account({ services: [{ service: 'intercom', externalId: 's1', active: false }] }), intercom, [])).toMatchObject({ present: false });
  });
});
