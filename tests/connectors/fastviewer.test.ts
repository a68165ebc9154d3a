import { PermanentError, RateLimitedError, TransientError } from '../../connectors/errors';
import { fastviewerConnector, FastViewerFaultError } from '../../connectors/fastviewer';
import { createLicense } from '../../connectors/fastviewer/operations/create-license';
import { FastViewerClient } from '../../connectors/fastviewer/client';
import type { MeetingLicensePlatform } from '../../connectors/meetings/port';
import { createLogger } from '../../runtime/logger';
import { createFastViewerSimulator, DEFAULT_FASTVIEWER_RESELLER } from '../../simulators/fastviewer';

/** The FastViewer connector against the FastViewer simulator (XML-RPC over real sockets). */

const START = Date.parse('2026-05-04T09:00:00Z');
let now = START;
const sim = createFastViewerSimulator({ now: () => now });
const PARENT = DEFAULT_FASTVIEWER_RESELLER.parentLicense;
let platform: MeetingLicensePlatform;

function connect(overrides: { key?: string; timeoutMs?: number } = {}): MeetingLicensePlatform {
  const config = fastviewerConnector.configSchema.parse({ url: sim.url, user: DEFAULT_FASTVIEWER_RESELLER.user, key: DEFAULT_FASTVIEWER_RESELLER.key, parentLicense: PARENT, ...overrides });
  return fastviewerConnector.create('fastviewer', config, { logger: createLogger({ level: 'silent' }) });
}

const advance = (ms: number) => {
  now += ms;
};
const licenses = () => sim.state().licenses.filter((l) => l.parentLicense === PARENT);

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('expected the call to fail');
}

beforeAll(() => sim.start(0));
afterAll(() => sim.stop());
beforeEach(async () => {
  now = START;
  sim.reset();
  await sim.faults.clear();
  platform = connect();
});

describe('licenses under a parent license', () => {
  it('creates a license under the configured parent with its lines and external id', async () => {
    const { license, created } = await platform.ensureLicense({ externalId: 'lanbilling:42', name: 'Muster GmbH', email: 'it@muster.example', lines: 3 });

    expect(created).toBe(true);
    expect(license).toMatchObject({ parentLicense: PARENT, externalId: 'lanbilling:42', name: 'Muster GmbH', email: 'it@muster.example', lines: 3, status: 'active', trial: false, runningSessions: 0 });
    expect(licenses()).toEqual([expect.objectContaining({ licenseNumber: license.licenseNumber, externalReference: 'lanbilling:42', lines: 3 })]);
  });

  it('refuses a license without a parent before anything is sent', async () => {
    const client = new FastViewerClient({ aspUrl: sim.aspUrl, sessionUrl: sim.sessionUrl, user: DEFAULT_FASTVIEWER_RESELLER.user, key: DEFAULT_FASTVIEWER_RESELLER.key, timeoutMs: 2000 });
    sim.faults.requests.length = 0;

    const err = await failure(createLicense(client, { parentLicense: '', license: { externalReference: 'x', name: 'X', lines: 1 } }));

    expect(err).toBeInstanceOf(PermanentError);
    expect(err).toMatchObject({ reason: 'validation', message: expect.stringContaining('parentLicense') });
    expect(sim.faults.requests).toHaveLength(0);
  });

  it('finds the license it made on a retry instead of creating a second one, and brings lines and name in line', async () => {
    const first = await platform.ensureLicense({ externalId: 'lanbilling:7', name: 'Alpha', lines: 1 });
    const again = await platform.ensureLicense({ externalId: 'lanbilling:7', name: 'Alpha', lines: 1 });
    const changed = await platform.ensureLicense({ externalId: 'lanbilling:7', name: 'Alpha KG', lines: 4 });

    expect(again).toEqual({ license: first.license, created: false });
    expect(changed.created).toBe(false);
    expect(changed.license).toMatchObject({ licenseNumber: first.license.licenseNumber, name: 'Alpha KG', lines: 4 });
    expect(licenses()).toHaveLength(1);
  });

  it('sets and edits the concurrent lines of a license', async () => {
    const { license } = await platform.ensureLicense({ externalId: 'lanbilling:8', name: 'Beta', lines: 2 });

    const edited = await platform.setLines({ licenseNumber: license.licenseNumber, lines: 5 });

    expect(edited.lines).toBe(5);
    expect(sim.state().licenses.find((l) => l.licenseNumber === license.licenseNumber)?.lines).toBe(5);
  });

  it('lets children inherit the parent profile, and a change on that profile shows on every child using it', async () => {
    const profile = sim.saveProfile({ parentLicense: PARENT, name: 'Reseller blue', display: { language: 'en', theme: 'dark' }, functions: ['remote_control', 'recording'], branding: { companyName: 'Blue Support', primaryColor: '#0033cc' } });
    const a = await platform.ensureLicense({ externalId: 'lanbilling:1', name: 'A', lines: 1, profileId: profile.id });
    const b = await platform.ensureLicense({ externalId: 'lanbilling:2', name: 'B', lines: 1, profileId: profile.id });
    const plain = await platform.ensureLicense({ externalId: 'lanbilling:3', name: 'C', lines: 1 });

    expect(a.license).toMatchObject({ profileId: profile.id, profileName: 'Reseller blue', settings: { display: { language: 'en', theme: 'dark' }, functions: ['remote_control', 'recording'], branding: { companyName: 'Blue Support', primaryColor: '#0033cc' } } });

    sim.saveProfile({ id: profile.id, parentLicense: PARENT, name: 'Reseller blue', branding: { companyName: 'Blue Support 2', primaryColor: '#112233' } });

    for (const licenseNumber of [a.license.licenseNumber, b.license.licenseNumber]) {
      const read = await platform.readLicense({ licenseNumber });
      expect(read?.settings.branding).toEqual({ companyName: 'Blue Support 2', primaryColor: '#112233' });
      expect(read?.settings.display).toEqual({ language: 'en', theme: 'dark' });
    }
    expect((await platform.readLicense({ licenseNumber: plain.license.licenseNumber }))?.settings.branding).toEqual({});
    expect(await platform.listProfiles()).toEqual([expect.objectContaining({ id: profile.id, branding: { companyName: 'Blue Support 2', primaryColor: '#112233' } })]);
  });

  it('changes and removes the profile of a license; an unknown profile is not_found with its fault code', async () => {
    const profile = sim.saveProfile({ parentLicense: PARENT, name: 'Green', branding: { companyName: 'Green' } });
    const { license } = await platform.ensureLicense({ externalId: 'lanbilling:9', name: 'Gamma', lines: 1 });

    expect((await platform.setProfile({ licenseNumber: license.licenseNumber, profileId: profile.id })).settings.branding).toEqual({ companyName: 'Green' });
    const removed = await platform.setProfile({ licenseNumber: license.licenseNumber, profileId: null });
    expect(removed.profileId).toBeUndefined();
    expect(removed.settings.branding).toEqual({});

    const err = await failure(platform.setProfile({ licenseNumber: license.licenseNumber, profileId: 'P999' }));
    expect(err).toBeInstanceOf(FastViewerFaultError);
    expect(err).toMatchObject({ reason: 'not_found', faultCode: 13, message: expect.stringContaining('fault 13 PROFILE_NOT_FOUND') });
  });

  it('blocks a license so it cannot book, and unblocks it', async () => {
    const { license } = await platform.ensureLicense({ externalId: 'lanbilling:10', name: 'Delta', lines: 1 });

    expect((await platform.setBlocked({ licenseNumber: license.licenseNumber, blocked: true })).status).toBe('blocked');
    const err = await failure(platform.bookSession({ licenseNumber: license.licenseNumber, reference: 'b1' }));
    expect(err).toMatchObject({ reason: 'rejected', faultCode: 15 });

    expect((await platform.setBlocked({ licenseNumber: license.licenseNumber, blocked: false })).status).toBe('active');
    expect((await platform.bookSession({ licenseNumber: license.licenseNumber, reference: 'b1' })).status).toBe('booked');
  });

  it('creates a trial that expires on the clock and can be converted, also after it expired', async () => {
    const { license } = await platform.ensureLicense({ externalId: 'lanbilling:11', name: 'Trial AG', lines: 1, trialDays: 14 });
    expect(license).toMatchObject({ trial: true, status: 'active', trialEndsAt: new Date(START + 14 * 86_400_000).toISOString() });

    advance(14 * 86_400_000 - 1000);
    expect((await platform.readLicense({ licenseNumber: license.licenseNumber }))?.status).toBe('active');
    advance(1000);
    expect((await platform.readLicense({ licenseNumber: license.licenseNumber }))?.status).toBe('expired');
    expect(await failure(platform.bookSession({ licenseNumber: license.licenseNumber, reference: 't1' }))).toMatchObject({ reason: 'rejected', faultCode: 16 });

    const converted = await platform.convertTrial({ licenseNumber: license.licenseNumber });
    expect(converted).toMatchObject({ trial: false, status: 'active' });
    expect(converted.trialEndsAt).toBeUndefined();
    expect(await platform.convertTrial({ licenseNumber: license.licenseNumber })).toEqual(converted);
    expect((await platform.bookSession({ licenseNumber: license.licenseNumber, reference: 't1' })).status).toBe('booked');
  });

  it('deletes a license; deleting it again reports nothing deleted', async () => {
    const { license } = await platform.ensureLicense({ externalId: 'lanbilling:12', name: 'Epsilon', lines: 1 });

    expect(await platform.deleteLicense({ licenseNumber: license.licenseNumber })).toEqual({ deleted: true });
    expect(await platform.readLicense({ licenseNumber: license.licenseNumber })).toBeUndefined();
    expect(await platform.findLicense({ externalId: 'lanbilling:12' })).toBeUndefined();
    expect(await platform.deleteLicense({ licenseNumber: license.licenseNumber })).toEqual({ deleted: false });
    expect(licenses()).toHaveLength(0);
  });
});

describe('sessions over XML-RPC', () => {
  let licenseNumber: string;
  beforeEach(async () => {
    licenseNumber = (await platform.ensureLicense({ externalId: 'lanbilling:20', name: 'Sessions GmbH', lines: 2 })).license.licenseNumber;
  });

  it('gives every booking a unique session number, and the same reference the same booking', async () => {
    const booked = await Promise.all(Array.from({ length: 25 }, (_, i) => platform.bookSession({ licenseNumber, reference: `r${i}`, subject: `Meeting ${i}` })));
    const again = await platform.bookSession({ licenseNumber, reference: 'r3', subject: 'ignored on a repeat' });

    expect(new Set(booked.map((s) => s.sessionNumber)).size).toBe(25);
    expect(booked.every((s) => /^\d{9}$/.test(s.sessionNumber) && s.status === 'booked')).toBe(true);
    expect(again).toEqual(booked[3]);
    expect(sim.state().sessions).toHaveLength(25);
  });

  it('counts started sessions against the lines: over quota is a conflict with fault 21 until a session ends', async () => {
    const [a, b, c] = await Promise.all(['a', 'b', 'c'].map((reference) => platform.bookSession({ licenseNumber, reference })));
    await platform.startSession({ sessionNumber: a.sessionNumber });
    await platform.startSession({ sessionNumber: b.sessionNumber });

    const err = await failure(platform.startSession({ sessionNumber: c.sessionNumber }));
    expect(err).toBeInstanceOf(FastViewerFaultError);
    expect(err).toMatchObject({ reason: 'conflict', faultCode: 21, message: expect.stringMatching(/fault 21 QUOTA_EXCEEDED: .*2 concurrent line/) });
    expect((await platform.readLicense({ licenseNumber }))?.runningSessions).toBe(2);

    await platform.endSession({ sessionNumber: a.sessionNumber });
    expect((await platform.startSession({ sessionNumber: c.sessionNumber })).status).toBe('running');
  });

  it('reports runtime information and starts and stops the recording', async () => {
    const s = await platform.bookSession({ licenseNumber, reference: 'rec', subject: 'Support call', plannedMinutes: 30 });
    await platform.startSession({ sessionNumber: s.sessionNumber });
    advance(42_000);

    const running = await platform.sessionInfo({ sessionNumber: s.sessionNumber });
    expect(running).toMatchObject({ status: 'running', subject: 'Support call', plannedMinutes: 30, durationSeconds: 42, recording: false, startedAt: new Date(START).toISOString() });

    expect((await platform.startRecording({ sessionNumber: s.sessionNumber })).recording).toBe(true);
    expect((await platform.startRecording({ sessionNumber: s.sessionNumber })).recording).toBe(true);
    advance(30_000);
    const stopped = await platform.stopRecording({ sessionNumber: s.sessionNumber });
    expect(stopped).toMatchObject({ recording: false, recordedSeconds: 30, durationSeconds: 72 });
  });

  it('refuses recording when the license profile lacks the recording function', async () => {
    const profile = sim.saveProfile({ parentLicense: PARENT, name: 'No recording', functions: ['remote_control'] });
    await platform.setProfile({ licenseNumber, profileId: profile.id });
    const s = await platform.bookSession({ licenseNumber, reference: 'norec' });
    await platform.startSession({ sessionNumber: s.sessionNumber });

    expect(await failure(platform.startRecording({ sessionNumber: s.sessionNumber }))).toMatchObject({ reason: 'rejected', faultCode: 24 });
  });

  it('cancels a booked session once and refuses to cancel a running one', async () => {
    const booked = await platform.bookSession({ licenseNumber, reference: 'c1' });
    const running = await platform.bookSession({ licenseNumber, reference: 'c2' });
    await platform.startSession({ sessionNumber: running.sessionNumber });

    expect((await platform.cancelSession({ sessionNumber: booked.sessionNumber })).status).toBe('cancelled');
    expect((await platform.cancelSession({ sessionNumber: booked.sessionNumber })).status).toBe('cancelled');
    expect(await failure(platform.cancelSession({ sessionNumber: running.sessionNumber }))).toMatchObject({ reason: 'conflict', faultCode: 22 });
    expect(await failure(platform.startSession({ sessionNumber: booked.sessionNumber }))).toMatchObject({ reason: 'conflict', faultCode: 22 });
  });

  it('ends a session to the second, and ending it again changes nothing', async () => {
    const s = await platform.bookSession({ licenseNumber, reference: 'e1' });
    await platform.startSession({ sessionNumber: s.sessionNumber });
    advance(125_400);

    const ended = await platform.endSession({ sessionNumber: s.sessionNumber });
    advance(60_000);
    const again = await platform.endSession({ sessionNumber: s.sessionNumber });

    // A started second is billed: 125.4 s of use is 126 s.
    expect(ended).toMatchObject({ status: 'ended', durationSeconds: 126, startedAt: '2026-05-04T09:00:00.000Z', endedAt: '2026-05-04T09:02:06.000Z' });
    expect(again).toEqual(ended);
    const usage = await platform.usageSessions({ licenseNumber, from: '2026-05-01T00:00:00Z', to: '2026-06-01T00:00:00Z' });
    expect(usage.items).toEqual([expect.objectContaining({ sessionNumber: s.sessionNumber, durationSeconds: 126, secondsInPeriod: 126 })]);
    expect(await failure(platform.sessionInfo({ sessionNumber: '123' }))).toMatchObject({ reason: 'not_found', faultCode: 20 });
  });
});

describe('usage for month-end billing', () => {
  it('splits a session over the month boundary so each month bills its own seconds', async () => {
    now = Date.parse('2026-05-31T23:59:00Z');
    const { license } = await platform.ensureLicense({ externalId: 'lanbilling:30', name: 'Night shift', lines: 1 });
    const s = await platform.bookSession({ licenseNumber: license.licenseNumber, reference: 'n1' });
    await platform.startSession({ sessionNumber: s.sessionNumber });
    advance(150_000);
    await platform.endSession({ sessionNumber: s.sessionNumber });

    const may = await platform.usageSessions({ licenseNumber: license.licenseNumber, from: '2026-05-01T00:00:00Z', to: '2026-06-01T00:00:00Z' });
    const june = await platform.usageSessions({ licenseNumber: license.licenseNumber, from: '2026-06-01T00:00:00Z', to: '2026-07-01T00:00:00Z' });
    const april = await platform.usageSessions({ licenseNumber: license.licenseNumber, from: '2026-04-01T00:00:00Z', to: '2026-05-01T00:00:00Z' });

    expect(may.items.map((u) => [u.durationSeconds, u.secondsInPeriod])).toEqual([[150, 60]]);
    expect(june.items.map((u) => [u.durationSeconds, u.secondsInPeriod])).toEqual([[150, 90]]);
    expect(april.items).toEqual([]);
  });

  it('pages through a parent’s sessions and totals without losing or repeating one, deleted licenses included', async () => {
    sim.seed({
      licenses: [
        { licenseNumber: '300001', parentLicense: PARENT, name: 'One', lines: 1 },
        { licenseNumber: '300002', parentLicense: PARENT, name: 'Two', lines: 1 },
      ],
      usage: [
        ...Array.from({ length: 7 }, (_, i) => ({ licenseNumber: '300001', startedAt: `2026-05-0${i + 1}T10:00:00Z`, endedAt: `2026-05-0${i + 1}T10:0${i}:30Z` })),
        ...Array.from({ length: 5 }, (_, i) => ({ licenseNumber: '300002', startedAt: `2026-05-1${i}T08:00:00Z`, endedAt: `2026-05-1${i}T09:00:00Z` })),
      ],
    });
    await platform.deleteLicense({ licenseNumber: '300002' });
    const period = { from: '2026-05-01T00:00:00Z', to: '2026-06-01T00:00:00Z' };

    const seen: string[] = [];
    let seconds = 0;
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await platform.usageSessions({ ...period, limit: 5, cursor });
      seen.push(...page.items.map((u) => `${u.licenseNumber}/${u.startedAt}`));
      seconds += page.items.reduce((sum, u) => sum + u.secondsInPeriod, 0);
      cursor = page.nextCursor;
      pages++;
    } while (cursor);

    const expected = 7 * 30 + (0 + 1 + 2 + 3 + 4 + 5 + 6) * 60 + 5 * 3600;
    expect(pages).toBe(3);
    expect(seen).toHaveLength(12);
    expect(new Set(seen).size).toBe(12);
    expect(seconds).toBe(expected);
    const totals = await platform.usageTotals({ ...period, limit: 1 });
    const rest = await platform.usageTotals({ ...period, limit: 1, cursor: totals.nextCursor });
    expect([...totals.items, ...rest.items]).toEqual([
      { licenseNumber: '300001', sessions: 7, seconds: 7 * 30 + 21 * 60 },
      { licenseNumber: '300002', sessions: 5, seconds: 5 * 3600 },
    ]);
    expect(rest.nextCursor).toBeUndefined();
    expect((await platform.usageSessions({ licenseNumber: '300002', ...period })).items).toHaveLength(5);
  });

  it('totals a month of 10,000 licenses with 100 sessions each in a few pages', async () => {
    const generated = sim.generateUsage({ parentLicense: PARENT, licenses: 10_000, sessionsPerLicense: 100, from: '2026-04-01T00:00:00Z', to: '2026-05-01T00:00:00Z', seed: 7 });
    expect(sim.state().usageSessions).toBe(1_000_000);

    let seconds = 0;
    let sessions = 0;
    let licensesSeen = 0;
    let cursor: string | undefined;
    do {
      const page = await platform.usageTotals({ from: '2026-04-01T00:00:00Z', to: '2026-05-01T00:00:00Z', limit: 5000, cursor });
      for (const t of page.items) {
        seconds += t.seconds;
        sessions += t.sessions;
      }
      licensesSeen += page.items.length;
      cursor = page.nextCursor;
    } while (cursor);

    expect({ licensesSeen, sessions, seconds }).toEqual({ licensesSeen: 10_000, sessions: 1_000_000, seconds: generated.seconds });
    const one = await platform.usageSessions({ licenseNumber: generated.lastLicense!, from: '2026-04-01T00:00:00Z', to: '2026-05-01T00:00:00Z', limit: 5000 });
    expect(one.items).toHaveLength(100);
  });
});

describe('failures', () => {
  it('maps a closed port, 5xx and a timeout to TransientError', async () => {
    await sim.faults.add({ kind: 'status', status: 503, times: 1 });
    expect(await failure(platform.health())).toBeInstanceOf(TransientError);

    await sim.faults.add({ kind: 'timeout', operation: 'license.get', times: 1 });
    expect(await failure(connect({ timeoutMs: 200 }).readLicense({ licenseNumber: '200001' }))).toBeInstanceOf(TransientError);

    await sim.faults.add({ kind: 'down' });
    expect(await failure(platform.health())).toBeInstanceOf(TransientError);
    await sim.faults.clear();
    await expect(platform.health()).resolves.toBeUndefined();
  });

  it('maps 429 to RateLimitedError with the Retry-After', async () => {
    await sim.faults.add({ kind: 'rate_limit', retryAfterSeconds: 7, operation: 'license.list', times: 1 });

    const err = await failure(platform.findLicense({ externalId: 'x' }));

    expect(err).toBeInstanceOf(RateLimitedError);
    expect((err as RateLimitedError).retryAfterMs).toBe(7000);
  });

  it('maps faults by code: wrong credentials are auth, an injected server fault is transient, a known code keeps its meaning', async () => {
    expect(await failure(connect({ key: 'wrong' }).health())).toMatchObject({ reason: 'auth', faultCode: 2 });

    await sim.faults.add({ kind: 'fault', operation: 'asp.ping', code: 'Server', message: 'database unavailable', times: 1 });
    const serverFault = await failure(platform.health());
    expect(serverFault).toBeInstanceOf(TransientError);
    expect((serverFault as Error).message).toContain('database unavailable');

    await sim.faults.add({ kind: 'fault', operation: 'session.start', code: '21', message: 'no line free', times: 1 });
    const { license } = await platform.ensureLicense({ externalId: 'lanbilling:50', name: 'Zeta', lines: 1 });
    const s = await platform.bookSession({ licenseNumber: license.licenseNumber, reference: 'z' });
    expect(await failure(platform.startSession({ sessionNumber: s.sessionNumber }))).toMatchObject({ reason: 'conflict', faultCode: 21 });
  });

  it('never sends bad input: a wrong license number is a validation error naming the field', async () => {
    sim.faults.requests.length = 0;
    const err = await failure(platform.setLines({ licenseNumber: 'abc', lines: 2 }));
    expect(err).toMatchObject({ reason: 'validation', message: expect.stringContaining('licenseNumber') });
    expect(sim.faults.requests).toHaveLength(0);
  });
});
