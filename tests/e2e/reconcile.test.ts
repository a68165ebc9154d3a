import type { ReconcileRun } from '../../api/operations';
import { SubsyncClient } from '../../client/ts';
import { tvPort, type TvPlatform, TvSubscriberState } from '../../connectors/tv/port';
import { defaultSeed } from '../../simulators/isp-integrator/seed';
import { runSubsync } from '../support/cli';
import { eventually } from '../support/stack';
import { startTvTestStack, TvTestStack } from '../support/tv-stack';

/**
 * `subsync reconcile` on the real stack: ISP-Integrator, the TV simulators and subsync on the
 * Temporal dev server. Customers are synced through events, then billing and the platforms drift
 * apart behind subsync's back; a dry run reports exactly that drift and changes nothing, a repair
 * fixes it through the subscriber workflows, and the next dry run finds nothing.
 */

let stack: TvTestStack;
let api: SubsyncClient;
const cli = (...args: string[]) => runSubsync(stack.app.apiUrl, args);

interface Customer {
  account: string;
  sub: string;
  login: string;
  flavour: string;
}
let a: Customer; // CDN TV, HBO and a set-top point
let b: Customer; // Beenius, Esportes
let c: Customer; // ION, base package only
let d: string; // a TV plan without a RADIUS login: cannot be compared
let boxA: string;
let n = 0;

const onPlatform = (x: Customer) =>
  (stack.tv[x.flavour].state() as { subscribers: (Omit<TvSubscriberState, 'subscriberId'> & { pin?: string })[] }).subscribers.find((s) => s.login === x.login);
const platform = (name: string) => stack.app.connectors.get(tvPort, name);
const ref = (x: Customer) => ({ customerId: x.account, contractedPlanId: x.sub });
const dryRun = (account?: string) => api.reconcile({ billing: 'isp-integrator', account, repair: false }, { wait: true, timeoutMs: 60_000 });
const syncApplied = async (account: string) => ((await api.getSubscriber('isp-integrator', account))?.recent ?? []).some((r) => r.type === 'sync' && r.outcome === 'applied');
const sorted = (drift: NonNullable<ReconcileRun['summary']>['drift']) => [...drift].sort((x, y) => x.account.localeCompare(y.account));

async function customer(flavour: string, planId: string, login: string, extras: string[]): Promise<Customer> {
  const account = (await stack.staff.createCustomer({ name: `Reconcile ${login}` })).id;
  const sub = (await stack.staff.addContractedPlan({ customerId: account, planId, radiusLogin: login })).id;
  for (const packageId of extras) await stack.staff.addExtraPackage({ customerId: account, contractedPlanId: sub, packageId });
  return { account, sub, login, flavour };
}

async function sync(x: Customer): Promise<void> {
  const res = await api.submitEvent({ id: `reconcile-e2e-create-${++n}`, billing: 'isp-integrator', account: x.account, type: 'create' }, { wait: true, timeoutMs: 30_000 });
  expect(res.status).toBe('applied');
}

beforeAll(async () => {
  // No watcher: billing's changes must reach the platforms only through reconcile.
  stack = await startTvTestStack({}, { watchers: false });
  api = new SubsyncClient({ baseUrl: stack.app.apiUrl });
  // Plans, packages and boxes of the default seed, none of its customers: the fleet is this file's.
  stack.isp.seed({ ...defaultSeed, customers: [] });

  a = await customer('cdntv', 'TV-CDNTV', 'reconcile.a', ['PKG-HBO']);
  boxA = 'REC000000001';
  await stack.staff.registerSetTopBox({ casn: boxA, assetNumber: 'PAT-REC-1' });
  await stack.staff.addPoint({ ...ref(a), location: 'Sala', casn: boxA });
  b = await customer('beenius', 'TV-BEENIUS', 'reconcile.b', ['PKG-ESPORTES']);
  c = await customer('ion', 'TV-ION', 'reconcile.c', []);
  d = (await stack.staff.createCustomer({ name: 'Reconcile sem login' })).id;
  await stack.staff.addContractedPlan({ customerId: d, planId: 'TV-CDNTV' });
  for (const x of [a, b, c]) await sync(x);
  expect(onPlatform(a)).toMatchObject({ extraPackages: ['hbo'], devices: [{ casn: boxA }] });
  expect(onPlatform(b)).toMatchObject({ extraPackages: ['esportes'] });

  // (a) ISP staff sells A a package and sends no event; (b) the platforms change behind subsync's back.
  await stack.staff.addExtraPackage({ ...ref(a), packageId: 'PKG-TELECINE' });
  await platform('cdntv').unbindDevice({ login: a.login, casn: boxA, idempotencyKey: 'reconcile-e2e-unbind' });
  await platform('beenius').removeExtraPackage({ login: b.login, packageCode: 'esportes', idempotencyKey: 'reconcile-e2e-remove' });
});
afterAll(async () => stack?.stop());

const driftA = () => ({ account: a.account, platform: 'cdntv', subscription: a.sub, steps: ['tv.addExtra telecine', `tv.bind ${boxA}`] });
const driftB = () => ({ account: b.account, platform: 'beenius', subscription: b.sub, steps: ['tv.addExtra esportes'] });

it('a dry run of one subscriber reports its drift and changes nothing', async () => {
  const run = await dryRun(a.account);

  expect(run.workflowId).toMatch(new RegExp(`^reconcile:isp-integrator:${a.account}:\\d{4}-\\d{2}-\\d{2}T`));
  expect(run.status).toBe('COMPLETED');
  expect(run.summary).toEqual({
    billing: 'isp-integrator', repair: false, accounts: 1, checked: 1, drifted: 1, repairsRequested: 0, skipped: 0, drift: [driftA()], skippedAccounts: [],
  });
  expect(onPlatform(a)).toMatchObject({ extraPackages: ['hbo'], devices: [] });
  expect(await api.getReconciliation(run.workflowId)).toEqual(run);
});

it('a dry run of the fleet reports exactly the drifts, with counts, through the API and the CLI', async () => {
  const run = await dryRun();

  expect(run.summary).toMatchObject({ accounts: 4, checked: 4, drifted: 2, repairsRequested: 0, skipped: 1 });
  expect(sorted(run.summary!.drift)).toEqual(sorted([driftA(), driftB()]));
  expect(run.summary!.skippedAccounts).toEqual([{ account: d, reason: expect.stringMatching(/no RADIUS login/) }]);

  const printed = await cli('reconcile', 'isp-integrator');
  expect(printed.code).toBe(0);
  expect(printed.stdout).toMatch(/^dry run: isp-integrator every account \(4\) \(reconcile:isp-integrator:fleet:\S+\)$/m);
  expect(printed.stdout).toMatch(/^checked 4, drifted 2, repairs requested 0, skipped 1$/m);
  expect(printed.stdout).toContain(`\n  ${a.account} cdntv ${a.sub}: tv.addExtra telecine, tv.bind ${boxA}\n`);
  expect(printed.stdout).toContain(`\n  ${b.account} beenius ${b.sub}: tv.addExtra esportes\n`);
  expect(printed.stdout).toMatch(new RegExp(`^  skipped ${d}: .*RADIUS login`, 'm'));

  expect(onPlatform(a)).toMatchObject({ extraPackages: ['hbo'], devices: [] });
  expect(onPlatform(b)).toMatchObject({ extraPackages: [] });
});

it('repair of the fleet (CLI) fixes the platforms through the subscriber workflows; the next dry run finds nothing', async () => {
  const repaired = await cli('reconcile', 'isp-integrator', '--repair');

  expect(repaired.code).toBe(0);
  expect(repaired.stdout).toMatch(/^repair: isp-integrator every account \(4\)/m);
  expect(repaired.stdout).toMatch(/^checked 4, drifted 2, repairs requested 2, skipped 1$/m);
  // The fix runs as a sync command of each drifted subscriber's workflow, in order with its other commands.
  await eventually(async () => (await Promise.all([a, b].map((x) => syncApplied(x.account)))).every(Boolean), 30_000);
  expect(onPlatform(a)).toMatchObject({ extraPackages: ['hbo', 'telecine'], devices: [{ casn: boxA, location: 'Sala' }] });
  expect(onPlatform(b)).toMatchObject({ extraPackages: ['esportes'] });
  expect(await syncApplied(c.account)).toBe(false);

  const after = await dryRun();
  expect(after.summary).toMatchObject({ checked: 4, drifted: 0, repairsRequested: 0, skipped: 1, drift: [] });
});

it('repair of one subscriber touches only that subscriber', async () => {
  await stack.staff.addExtraPackage({ ...ref(c), packageId: 'PKG-HBO' });
  await stack.staff.addExtraPackage({ ...ref(b), packageId: 'PKG-TELECINE' });

  const run = await api.reconcile({ billing: 'isp-integrator', account: c.account, repair: true }, { wait: true, timeoutMs: 60_000 });

  expect(run.summary).toMatchObject({ accounts: 1, checked: 1, drifted: 1, repairsRequested: 1, drift: [{ account: c.account, platform: 'ion', subscription: c.sub, steps: ['tv.addExtra hbo'] }] });
  await eventually(() => syncApplied(c.account), 30_000);
  expect(onPlatform(c)).toMatchObject({ extraPackages: ['hbo'] });
  expect(onPlatform(b)).toMatchObject({ extraPackages: ['esportes'] });

  const fleet = await dryRun();
  expect(fleet.summary).toMatchObject({ drifted: 1, drift: [{ account: b.account, steps: ['tv.addExtra telecine'] }] });
});
