import { accountKeyOf } from '../../connectors/video-resell';
import { MEETING_TARIFFS, VIDEO_ROOMS_TARIFFS } from '../../simulators/meeting-demo';
import { VIDEO_RESELL_PERMISSIONS } from '../../simulators/video-resell';
import { MEETING_CATEGORY, MeetingTestStack, MeetingWorld, startMeetingTestStack, VIDEO_ROOMS_CATEGORY } from '../support/meeting-stack';

const DAY = 86_400_000;

/**
 * Platform credentials that stop working, end to end: the command that meets them parks with
 * the platform's reason (Permanent.auth) and touches nothing; it does not retry forever, and an
 * operator sees why in the subscriber's state.
 */
describe('under-permitted and wrong platform credentials', () => {
  let stack: MeetingTestStack;
  let w: MeetingWorld;

  beforeAll(async () => {
    stack = await startMeetingTestStack(
      {},
      {
        // A video API credential that may read but not create customers, and a FastViewer key that is not the reseller's.
        beforeStart: ({ video }) => {
          const readOnly = video.createCredential({ name: 'read only', permissions: ['read-customers', 'read-accounts', 'read-subscriptions', 'read-rooms', 'read-users'], expiresAt: Date.now() + 90 * DAY });
          return { platforms: { 'video-resell': { clientId: readOnly.clientId, clientSecret: readOnly.clientSecret }, fastviewer: { key: 'not-the-reseller-key' } } };
        },
      },
    );
    w = new MeetingWorld(stack);
  });
  afterAll(async () => stack?.stop());

  it('parks video rooms on a credential without the permission, naming the refusal, and creates nothing', async () => {
    const { agrmid } = await w.holder('Орлова Вера', { email: 'vera@example.ru' });
    const { vgid } = await w.account(agrmid, VIDEO_ROOMS_TARIFFS.basic, VIDEO_ROOMS_CATEGORY);
    const res = await w.send(vgid, 'create');
    expect(res.status).toBe('parked');
    expect(res.subscriber?.parked).toMatchObject({ errorType: 'Permanent.auth', reason: expect.stringContaining('HTTP 403') });
    expect(stack.video.state().customers).toEqual([]);
  });

  it('parks a meeting license when FastViewer refuses the reseller key', async () => {
    const { agrmid } = await w.holder('Орлов Иван', { email: 'ivan@example.ru' });
    const { vgid } = await w.account(agrmid, MEETING_TARIFFS.basic, MEETING_CATEGORY);
    const res = await w.send(vgid, 'create');
    expect(res.status).toBe('parked');
    expect(res.subscriber?.parked).toMatchObject({ errorType: 'Permanent.auth', reason: expect.stringContaining('AUTH_FAILED') });
    expect(stack.fastviewer.state().licenses.filter((l) => l.externalReference === `lanbilling:${vgid}`)).toEqual([]);
  });
});

describe('an API credential that expires', () => {
  let stack: MeetingTestStack;
  let w: MeetingWorld;
  /** The platform's clock; subsync's stays real, so it believes the credential still valid. */
  let offset = 0;

  beforeAll(async () => {
    stack = await startMeetingTestStack({}, {
      video: { now: () => Date.now() + offset, tokenTtlSeconds: 600 },
      beforeStart: ({ video }) => {
        // 30 days left: more than the connector's rotation margin (14 days), so it does not rotate it.
        const month = video.createCredential({ name: 'a month', permissions: VIDEO_RESELL_PERMISSIONS, expiresAt: Date.now() + 30 * DAY });
        return { platforms: { 'video-resell': { clientId: month.clientId, clientSecret: month.clientSecret } } };
      },
    });
    w = new MeetingWorld(stack);
  });
  afterAll(async () => stack?.stop());

  it('works while valid; once expired at the platform the next command parks with the refusal and the account stays as it was', async () => {
    const { agrmid } = await w.holder('Зайцева Нина', { email: 'nina@example.ru' });
    const { vgid } = await w.account(agrmid, VIDEO_ROOMS_TARIFFS.basic, VIDEO_ROOMS_CATEGORY);
    expect((await w.send(vgid, 'create')).status).toBe('applied');
    const account = () => stack.video.state().accounts.find((a) => a.account_key === accountKeyOf(`lanbilling:${vgid}`));
    expect(account()?.status).toBe('active');

    // 31 days later at the platform: the token and the credential have expired.
    offset = 31 * DAY;
    await w.block(vgid);
    const res = await w.send(vgid, 'block', { reason: 'manager' });
    expect(res.status).toBe('parked');
    expect(res.subscriber?.parked).toMatchObject({ errorType: 'Permanent.auth', reason: expect.stringMatching(/API credential ".+" was refused/) });
    expect(account()?.status).toBe('active');
    // Parked, not retrying: nothing is left for Temporal to retry.
    expect((await w.api.getSubscriber('lanbilling', vgid))?.retrying).toEqual([]);
  });
});
