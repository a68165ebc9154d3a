import { XmlRpcClient, XmlRpcFault, XmlRpcStruct } from '@foxglove/xmlrpc';
import { createFastViewerSimulator, DEFAULT_FASTVIEWER_RESELLER, FASTVIEWER_FAULT } from '../../simulators/fastviewer';

/**
 * The simulator's two XML-RPC interfaces exercised by @foxglove/xmlrpc's own client, not by
 * our connector: this is what any XML-RPC client sees on the wire.
 */

// The library's client fetches through @foxglove/just-fetch, which loads the ESM-only node-fetch
// with a dynamic import() that jest's CommonJS runtime cannot run; Node's own fetch does the same job.
jest.mock('@foxglove/just-fetch', () => (input: string, init: RequestInit) => fetch(input, init));

let now = Date.parse('2026-05-04T09:00:00Z');
const sim = createFastViewerSimulator({ now: () => now });
const PARENT = DEFAULT_FASTVIEWER_RESELLER.parentLicense;
const basic = (user: string, key: string) => ({ Authorization: `Basic ${Buffer.from(`${user}:${key}`).toString('base64')}` });
let asp: XmlRpcClient;
let sessions: XmlRpcClient;

async function faultOf(call: Promise<unknown>): Promise<XmlRpcFault> {
  try {
    await call;
  } catch (err) {
    if (err instanceof XmlRpcFault) return err;
    throw err;
  }
  throw new Error('expected an XML-RPC fault');
}

beforeAll(async () => {
  await sim.start(0);
  const headers = basic(DEFAULT_FASTVIEWER_RESELLER.user, DEFAULT_FASTVIEWER_RESELLER.key);
  asp = new XmlRpcClient(sim.aspUrl, { headers });
  sessions = new XmlRpcClient(sim.sessionUrl, { headers });
});
afterAll(() => sim.stop());
beforeEach(() => sim.reset());

async function newLicense(lines: number): Promise<string> {
  const license = (await asp.methodCall('license.create', [PARENT, { name: 'Wire GmbH', lines, externalReference: `wire-${lines}` }])) as XmlRpcStruct;
  return license.licenseNumber as string;
}

it('refuses a license without a parent license with fault 10, and an unknown parent with fault 11', async () => {
  expect(await faultOf(asp.methodCall('license.create', ['', { name: 'Orphan', lines: 1 }]))).toMatchObject({ faultCode: FASTVIEWER_FAULT.PARENT_REQUIRED });
  expect(await faultOf(asp.methodCall('license.create', ['999999', { name: 'Orphan', lines: 1 }]))).toMatchObject({ faultCode: FASTVIEWER_FAULT.PARENT_NOT_FOUND });
  expect(sim.state().licenses.filter((l) => l.parentLicense !== undefined)).toHaveLength(0);
});

it('books unique session numbers, enforces the lines with fault 21, and controls a session to its end', async () => {
  const licenseNumber = await newLicense(1);
  const first = (await sessions.methodCall('session.book', [licenseNumber, { subject: 'Wartung' }])) as XmlRpcStruct;
  const second = (await sessions.methodCall('session.book', [licenseNumber])) as XmlRpcStruct;
  expect(first.sessionNumber).not.toBe(second.sessionNumber);

  expect(((await sessions.methodCall('session.start', [first.sessionNumber])) as XmlRpcStruct).status).toBe('running');
  const quota = await faultOf(sessions.methodCall('session.start', [second.sessionNumber]));
  expect(quota.faultCode).toBe(FASTVIEWER_FAULT.QUOTA_EXCEEDED);
  expect(quota.faultString).toMatch(/all 1 concurrent line/);

  expect(((await sessions.methodCall('session.recording.start', [first.sessionNumber])) as XmlRpcStruct).recording).toBe(true);
  now += 61_000;
  const info = (await sessions.methodCall('session.info', [first.sessionNumber])) as XmlRpcStruct;
  expect(info).toMatchObject({ status: 'running', durationSeconds: 61, recording: true, recordedSeconds: 61, subject: 'Wartung' });
  expect(((await sessions.methodCall('session.recording.stop', [first.sessionNumber])) as XmlRpcStruct).recording).toBe(false);

  expect(((await sessions.methodCall('session.cancel', [second.sessionNumber])) as XmlRpcStruct).status).toBe('cancelled');
  const ended = (await sessions.methodCall('session.end', [first.sessionNumber])) as XmlRpcStruct;
  expect(ended).toMatchObject({ status: 'ended', durationSeconds: 61 });
  expect(ended).not.toHaveProperty('plannedStart');
});

it('answers system.multicall with a result or a fault per call, authenticated once for all', async () => {
  const licenseNumber = await newLicense(2);
  const results = await asp.multiMethodCall([
    { methodName: 'license.get', params: [licenseNumber] },
    { methodName: 'license.get', params: ['123'] },
  ]);

  expect((results[0] as XmlRpcStruct).licenseNumber).toBe(licenseNumber);
  expect(results[1]).toBeInstanceOf(XmlRpcFault);
  expect((results[1] as XmlRpcFault).faultCode).toBe(FASTVIEWER_FAULT.LICENSE_NOT_FOUND);
});

it('names a wrong parameter in fault 1, and answers unknown methods and missing credentials with faults', async () => {
  const badLines = await faultOf(asp.methodCall('license.create', [PARENT, { name: 'X', lines: 0 }]));
  expect(badLines).toMatchObject({ faultCode: FASTVIEWER_FAULT.INVALID_PARAMS });
  expect(badLines.faultString).toContain('params[1].lines');

  expect((await faultOf(sessions.methodCall('license.get', ['200001']))).faultCode).toBe(-32601);
  expect((await faultOf(new XmlRpcClient(sim.aspUrl).methodCall('asp.ping'))).faultCode).toBe(FASTVIEWER_FAULT.AUTH_FAILED);
  expect((await faultOf(new XmlRpcClient(sim.aspUrl, { headers: basic('subsync', 'nope') }).methodCall('asp.ping'))).faultCode).toBe(FASTVIEWER_FAULT.AUTH_FAILED);
});

it('keeps the trial clock: an expired trial cannot start a session until it is converted', async () => {
  const trial = (await asp.methodCall('license.createTrial', [PARENT, { name: 'Test', lines: 1, trialDays: 7 }])) as XmlRpcStruct;
  const booked = (await sessions.methodCall('session.book', [trial.licenseNumber])) as XmlRpcStruct;
  now += 7 * 86_400_000;

  expect(((await asp.methodCall('license.get', [trial.licenseNumber])) as XmlRpcStruct).status).toBe('expired');
  expect((await faultOf(sessions.methodCall('session.start', [booked.sessionNumber]))).faultCode).toBe(FASTVIEWER_FAULT.TRIAL_EXPIRED);
  expect((await asp.methodCall('license.convertTrial', [trial.licenseNumber])) as XmlRpcStruct).toMatchObject({ trial: false, status: 'active' });
  expect((await faultOf(asp.methodCall('license.convertTrial', [trial.licenseNumber]))).faultCode).toBe(FASTVIEWER_FAULT.NOT_A_TRIAL);
  expect(((await sessions.methodCall('session.start', [booked.sessionNumber])) as XmlRpcStruct).status).toBe('running');
});
