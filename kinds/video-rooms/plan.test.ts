import type { BillingAccount } from '../../domain/billing';
import type { ServicePolicy } from '../../domain/policy';
import { planVideoRooms } from './plan';
import { VideoRoomsSettings, videoRoomsSettingsSchema } from './settings';
import { customerOf } from './steps';

const rooms: ServicePolicy<VideoRoomsSettings> = {
  service: 'video-rooms',
  kind: 'video-rooms',
  billing: ['lanbilling'],
  settings: videoRoomsSettingsSchema.parse({
    platform: 'video-resell',
    plans: { '21': { package: 'meet-basic', rooms: [{ key: 'main', name: 'Room' }] }, '22': { package: 'meet-pro', rooms: [{ key: 'main', name: 'Room' }, { key: 'web', name: 'Webinar', isPublic: true }] } },
    customer: { country: 'RU', currency: 'RUB', language: 'ru' },
  }),
};
const account = (over: Partial<BillingAccount>): BillingAccount => ({ billing: 'lanbilling', accountId: '42', agreementId: '4', status: 'active', address: 'ул. Мира 1', services: [], ...over });
const plan = (a: BillingAccount) => planVideoRooms(a, rooms, { slots: [] })[0];

describe('planVideoRooms', () => {
  it("gives the plan's package and exactly its rooms, named after billing's address", () => {
    expect(plan(account({ services: [{ service: 'video-rooms', externalId: 's1', active: true, plan: '22' }] }))).toMatchObject({
      slot: 'video-rooms',
      present: true,
      plan: '22',
      package: 'meet-pro',
      rooms: [
        { key: 'main', name: 'Room', isPublic: false },
        { key: 'web', name: 'Webinar', isPublic: true },
      ],
      suspended: false,
      label: 'ул. Мира 1',
      customer: { country: 'RU', currency: 'RUB', language: 'ru' },
    });
  });

  it('suspends while billing blocks the account and removes when the service ends or the account is disabled', () => {
    const svc = [{ service: 'video-rooms', externalId: 's1', active: true, plan: '21' }];
    expect(plan(account({ status: 'blocked', services: svc }))).toMatchObject({ present: true, suspended: true, package: 'meet-basic' });
    expect(plan(account({ status: 'disabled', services: svc }))).toMatchObject({ present: false });
    expect(plan(account({ services: [{ ...svc[0], active: false }] }))).toMatchObject({ present: false });
  });

  it('names an unmapped plan instead of guessing a package', () => {
    expect(plan(account({ services: [{ service: 'video-rooms', externalId: 's1', active: true, plan: '23' }] }))).toMatchObject({ present: true, planError: expect.stringContaining('plan "23"') });
  });
});

describe('customerOf', () => {
  const step = { customer: { country: 'RU', currency: 'RUB' }, nameOrder: 'surname-first' as const };
  it('splits a person\'s name as billing writes it, surname first by default', () => {
    expect(customerOf({ name: 'Смирнова Ольга Петровна', email: 'o@example.ru', type: 'person' }, step)).toEqual({ email: 'o@example.ru', type: 'personal', firstName: 'Ольга Петровна', lastName: 'Смирнова', country: 'RU', currency: 'RUB' });
    expect(customerOf({ name: 'Anna Maria Muster', email: 'a@example.de', type: 'person' }, { ...step, nameOrder: 'given-first' })).toMatchObject({ firstName: 'Anna Maria', lastName: 'Muster' });
  });

  it('makes an organisation a business customer named by its name', () => {
    expect(customerOf({ name: 'ООО Ромашка', email: 'office@romashka.example', type: 'organisation' }, step)).toMatchObject({ type: 'business', companyName: 'ООО Ромашка', firstName: 'ООО Ромашка', lastName: 'ООО Ромашка' });
  });
});
