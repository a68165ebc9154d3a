import type { BillingAccount, BillingService } from '../../domain/billing';
import type { ServicePolicy } from '../../domain/policy';
import { itemsFor, planLicense } from './plan';
import { LicenseSettings, licenseSettingsSchema } from './settings';

const OFFICE = { firmCode: 6000010, productCode: 301 };
const AV = { firmCode: 6000010, productCode: 302 };
const settings = (over: Partial<LicenseSettings> = {}): LicenseSettings => ({
  platform: 'license-central',
  itemsByPlan: { '11': [{ ...OFFICE, quantity: 1 }], '12': [{ ...OFFICE, quantity: 2 }, { ...AV, quantity: 1 }] },
  onBlock: 'suspend',
  onDisable: 'withdraw',
  ticketField: 'license_ticket',
  ...over,
});
const policy = (over: Partial<LicenseSettings> = {}): ServicePolicy<LicenseSettings> => ({ service: 'software-license', kind: 'license', billing: ['lanbilling'], settings: settings(over) });
const svc = (over: Partial<BillingService> = {}): BillingService => ({ service: 'software-license', externalId: '5000', active: true, plan: '11', fields: { isvyaz_login: '7900', license_ticket: '' }, ...over });
const account = (over: Partial<BillingAccount> = {}): BillingAccount => ({ billing: 'lanbilling', accountId: '100', agreementId: '10', status: 'active', services: [svc()], ...over });
const none = { slots: [], seenActive: [] };

describe('planLicense', () => {
  it('orders the items of the plan billing sells, on a ticket named after subscriber and service, with the write-back target', () => {
    expect(planLicense(account(), policy(), none)).toEqual([
      {
        slot: 'license:software-license',
        service: 'software-license',
        platform: 'license-central',
        orderNumber: 'lanbilling:100:software-license',
        customer: 'lanbilling:100',
        subscriptionId: '5000',
        present: true,
        untouched: false,
        items: [{ ...OFFICE, quantity: 1 }],
        ticketStatus: 'active',
        unmappedPlans: [],
        writeBack: { field: 'license_ticket', externalId: '5000', current: '' },
      },
    ]);
  });

  it('follows a plan change to the new plan’s items', () => {
    const [d] = planLicense(account({ services: [svc({ plan: '12' })] }), policy(), none);
    expect(d.items).toEqual([{ ...OFFICE, quantity: 2 }, { ...AV, quantity: 1 }]);
  });

  it('sums items over every held entry of the service and ignores ended ones', () => {
    const services = [svc({ plan: '11' }), svc({ externalId: '5001', plan: '12' }), svc({ externalId: '4999', plan: '12', active: false })];
    expect(planLicense(account({ services }), policy(), none)[0].items).toEqual([{ ...OFFICE, quantity: 3 }, { ...AV, quantity: 1 }]);
  });

  it('suspends the ticket while billing blocks the account or suspends the service, unless the policy says none', () => {
    expect(planLicense(account({ status: 'blocked', blockReason: 'manager' }), policy(), none)[0]).toMatchObject({ present: true, ticketStatus: 'suspended', items: [{ ...OFFICE, quantity: 1 }] });
    expect(planLicense(account({ services: [svc({ active: false, suspended: true })] }), policy(), none)[0]).toMatchObject({ present: true, ticketStatus: 'suspended' });
    expect(planLicense(account({ status: 'blocked' }), policy({ onBlock: 'none' }), none)[0].ticketStatus).toBe('active');
  });

  it('withdraws everything when billing ends the service or disables the account, or only suspends by policy', () => {
    for (const a of [account({ services: [svc({ active: false })] }), account({ status: 'disabled' })]) {
      const [d] = planLicense(a, policy(), none);
      expect(d).toMatchObject({ present: false, untouched: false, items: [] });
      expect(d.ticketStatus).toBeUndefined();
      expect(d.writeBack).toBeUndefined();
    }
    const [suspendOnly] = planLicense(account({ status: 'disabled' }), policy({ onDisable: 'suspend' }), none);
    expect(suspendOnly).toMatchObject({ present: false, ticketStatus: 'suspended' });
    expect(suspendOnly.items).toBeUndefined();
  });

  it('leaves an account that never had the service untouched, and not one the workflow saw or recorded', () => {
    const never = account({ services: [] });
    expect(planLicense(never, policy(), none)[0]).toMatchObject({ present: false, untouched: true });
    expect(planLicense(never, policy(), { slots: [], seenActive: ['software-license'] })[0].untouched).toBe(false);
    const recorded = { slot: 'license:software-license', state: { platform: 'license-central', service: 'software-license', attached: true, capabilities: [] } };
    expect(planLicense(never, policy(), { slots: [recorded], seenActive: [] })[0].untouched).toBe(false);
    // A new account (not yet activated) holds nothing even with the service billed.
    expect(planLicense(account({ status: 'new' }), policy(), none)[0]).toMatchObject({ present: false, untouched: false });
  });

  it('names a plan the settings do not map, and falls back to defaultItems when given', () => {
    expect(planLicense(account({ services: [svc({ plan: '99' })] }), policy(), none)[0]).toMatchObject({ present: true, items: [], unmappedPlans: ['99'] });
    expect(planLicense(account({ services: [svc({ plan: '99' })] }), policy({ defaultItems: [{ ...AV, quantity: 5 }] }), none)[0]).toMatchObject({ items: [{ ...AV, quantity: 5 }], unmappedPlans: [] });
    expect(itemsFor([undefined], { itemsByPlan: {} })).toEqual({ items: [], unmapped: ['(none)'] });
  });

  it('has no write-back without a ticket field', () => {
    expect(planLicense(account(), policy({ ticketField: undefined }), none)[0].writeBack).toBeUndefined();
  });
});

describe('license settings', () => {
  const parse = (block: unknown) => licenseSettingsSchema.safeParse(block);
  const issues = (block: unknown) => {
    const r = parse(block);
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };

  it('fills the defaults: quantity 1, suspend on block, withdraw on disable', () => {
    expect(licenseSettingsSchema.parse({ platform: 'lc', defaultItems: [OFFICE] })).toEqual({ platform: 'lc', itemsByPlan: {}, defaultItems: [{ ...OFFICE, quantity: 1 }], onBlock: 'suspend', onDisable: 'withdraw' });
  });

  it('refuses settings that name no items, an item twice, unknown fields and unknown policies, naming the place', () => {
    expect(issues({ platform: 'lc' })).toEqual(['itemsByPlan: name the items to order: itemsByPlan (per billing plan or tariff) and/or defaultItems']);
    expect(issues({ platform: 'lc', itemsByPlan: { '11': [OFFICE, { ...OFFICE, quantity: 2 }] } })).toEqual(['itemsByPlan.11.1: item 6000010/301 is listed twice; give it once with the total quantity']);
    expect(issues({ platform: 'lc', defaultItems: [OFFICE], itemByPlan: {} })[0]).toMatch(/itemByPlan/);
    expect(issues({ platform: 'lc', defaultItems: [OFFICE], onDisable: 'return' })[0]).toMatch(/^onDisable: /);
    expect(issues({ platform: 'lc', defaultItems: [{ firmCode: 6000010 }] })[0]).toMatch(/^defaultItems\.0\.productCode: /);
  });
});
