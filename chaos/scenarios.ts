import { ChaosCluster, platformCalls } from './support/cluster';
import { billingEventsPerPlan, generateCustomers, invoicingProgress, pageMovedOn, workerOnPage } from './support/invoicing';
import { ChaosSubscriber, converged, eventIds, HookLog, lifecycleOutcome, LifecycleOutcome, runBurst, seedSubscribers } from './support/lifecycle';
import { LanbillingManager } from '../simulators/lanbilling/manager';

/**
 * The chaos scenarios: each drives real load through a ChaosCluster, breaks something for real
 * (SIGKILL, SIGTERM, a platform's socket closed, the Temporal server restarted) and measures what
 * came out: nothing lost, no effect twice, how long until everything converged, and what reconcile
 * finds afterwards. `npm test` runs them small (tests/chaos), `npm run chaos` at bench sizes.
 */
export interface ScenarioReport {
  scenario: string;
  /** Events billing's hook tried (or plans an invoicing run had to bill). */
  tried: number;
  /** Accepted by the API but never applied (or plans left without their billing event). */
  lost: number;
  duplicated: { charges: number; profiles: number; billingEvents: number; auditRows: number };
  /** From the moment the fault was over (processes back, platform up) until everything matched billing. */
  convergeSeconds: number;
  /** Drift reconcile found afterwards (dry run); undefined where it compares nothing (invoicing). */
  drift?: number;
  /** Other measurements worth a line (stall after a kill, how long a stop took). */
  notes: string[];
  /** What went wrong; empty when the scenario held. */
  problems: string[];
}

export interface Sizes {
  subscribers: number;
  concurrency: number;
  /** How long the platform stays down in platform-down. */
  downSeconds: number;
  /** Invoicing customers (one plan with a charged extra each). */
  customers: number;
  /** Latency the ISP-Integrator simulator adds to each billing event, so a page is in flight long enough to kill. */
  invoicingLatencyMs: number;
  /** Plans per invoicing page (the production default is 500; small runs use small pages, so a run has several). */
  invoicingPageSize: number;
  /** How long convergence may take before the scenario fails. */
  convergeTimeoutMs: number;
}

export const testSizes: Sizes = { subscribers: 12, concurrency: 6, downSeconds: 8, customers: 300, invoicingLatencyMs: 150, invoicingPageSize: 50, convergeTimeoutMs: 120_000 };
export const benchSizes: Sizes = { subscribers: 100, concurrency: 20, downSeconds: 120, customers: 30_001, invoicingLatencyMs: 0, invoicingPageSize: 500, convergeTimeoutMs: 600_000 };

export interface Scenario {
  name: string;
  description: string;
  workers: number;
  /** Config overrides for the cluster's processes. */
  config?: Record<string, unknown>;
  run(cluster: ChaosCluster, sizes: Sizes, progress: (m: string) => void): Promise<ScenarioReport>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The run's status, or undefined while the API cannot answer it: right after a worker died, a
 * query waits for the dead worker's sticky queue to time out (about 10 s) before another worker
 * answers it.
 */
async function runStatus(cluster: ChaosCluster, workflowId: string) {
  return cluster.client.getInvoicingRun(workflowId).catch(() => undefined);
}
const since = (t: number) => Math.round((Date.now() - t) / 100) / 10;

/** Fires `fault` once, when the hook has had `fraction` of its events accepted. */
function at(fraction: number, fault: () => Promise<void>): { onAccepted: (n: number, total: number) => void; done: () => Promise<void> } {
  let fired: Promise<void> | undefined;
  return {
    onAccepted: (n, total) => {
      if (!fired && n >= Math.ceil(total * fraction)) fired = fault();
    },
    done: () => fired ?? Promise.reject(new Error(`the fault never fired: the burst ended before ${fraction * 100}% of its events were accepted`)),
  };
}

async function waitConverged(cluster: ChaosCluster, subscribers: ChaosSubscriber[], log: HookLog, from: number, timeoutMs: number): Promise<{ outcome: LifecycleOutcome; seconds: number; ok: boolean }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const outcome = await lifecycleOutcome(cluster.sims, cluster.store, subscribers, log.accepted);
    if (converged(outcome)) return { outcome, seconds: since(from), ok: true };
    if (Date.now() > deadline) return { outcome, seconds: since(from), ok: false };
    await sleep(1000);
  }
}

async function driftAfter(cluster: ChaosCluster): Promise<number> {
  const run = await cluster.client.reconcile({ billing: 'lanbilling', repair: false }, { wait: true, timeoutMs: 300_000 });
  if (run.status !== 'COMPLETED' || !run.summary) throw new Error(`reconcile ended ${run.status}: ${run.failure ?? 'no summary'}`);
  return run.summary.drifted;
}

/** The common end of a lifecycle scenario: converge, count, reconcile, and say what did not hold. */
async function lifecycleReport(name: string, cluster: ChaosCluster, sizes: Sizes, subscribers: ChaosSubscriber[], log: HookLog, recoveredAt: number, notes: string[], problems: string[]): Promise<ScenarioReport> {
  const { outcome, seconds, ok } = await waitConverged(cluster, subscribers, log, recoveredAt, sizes.convergeTimeoutMs);
  const drift = await driftAfter(cluster);
  if (!ok) problems.push(`not converged after ${sizes.convergeTimeoutMs / 1000} s: ${outcome.notApplied.length} accepted events not applied, ${outcome.notConverged} subscribers off billing's state, ${outcome.uncharged} uncharged`);
  if (log.gaveUp.length) problems.push(`billing's hook gave up on ${log.gaveUp.length} events (the API never accepted them)`);
  const d = outcome.duplicated;
  if (d.charges || d.profiles || d.auditRows) problems.push(`effects twice: ${d.charges} charges, ${d.profiles} profiles, ${d.auditRows} audit rows`);
  if (drift) problems.push(`reconcile found ${drift} drifted accounts after convergence`);
  notes.push(`${log.accepted.size} accepted, ${log.resent} re-sends by the hook`);
  return { scenario: name, tried: log.tried.size, lost: outcome.notApplied.length, duplicated: { ...d, billingEvents: 0 }, convergeSeconds: seconds, drift, notes, problems };
}

export const crashMidBurst: Scenario = {
  name: 'crash-mid-burst',
  description: 'SIGKILL of every subsync process and the Temporal server at 40% of a burst; all restarted',
  workers: 1,
  async run(cluster, sizes, progress) {
    const subscribers = await seedSubscribers(cluster.sims, 1000, sizes.subscribers);
    let recoveredAt = 0;
    const notes: string[] = [];
    const fault = at(0.4, async () => {
      progress('SIGKILL: API, workers, Temporal');
      await cluster.haltAll('SIGKILL');
      await cluster.options.temporal.halt('SIGKILL');
      const t = Date.now();
      await cluster.options.temporal.start();
      await cluster.startAll();
      recoveredAt = Date.now();
      notes.push(`everything back ${since(t)} s after the kill`);
      progress('restarted');
    });
    const log = await runBurst({ client: () => cluster.client, lanbillingUrl: cluster.sims.urls.lanbilling!, subscribers, concurrency: sizes.concurrency, onAccepted: fault.onAccepted, idPrefix: 'crash' });
    await fault.done();
    return lifecycleReport(this.name, cluster, sizes, subscribers, log, recoveredAt, notes, []);
  },
};

export const workerKilledMidBurst: Scenario = {
  name: 'worker-killed-mid-burst',
  description: 'SIGKILL of the busier of two workers at 40% of a burst; the other takes its work over, nothing restarted',
  workers: 2,
  async run(cluster, sizes, progress) {
    const subscribers = await seedSubscribers(cluster.sims, 6000, sizes.subscribers);
    let recoveredAt = 0;
    let survivor: { process: (typeof cluster.workers)[number]; callsAtKill: number } | undefined;
    const notes: string[] = [];
    const fault = at(0.4, async () => {
      const calls = await Promise.all(cluster.workers.map(async (w) => ({ w, n: await platformCalls(w) })));
      calls.sort((a, b) => b.n - a.n);
      const [busiest, other] = calls;
      progress(`SIGKILL ${busiest!.w.name} (${busiest!.n} platform calls so far; ${other!.w.name} made ${other!.n})`);
      notes.push(`killed ${busiest!.w.name} after ${busiest!.n} platform calls; ${other!.w.name} had made ${other!.n}`);
      survivor = { process: other!.w, callsAtKill: other!.n };
      await cluster.kill(busiest!.w);
      recoveredAt = Date.now();
    });
    const log = await runBurst({ client: () => cluster.client, lanbillingUrl: cluster.sims.urls.lanbilling!, subscribers, concurrency: sizes.concurrency, onAccepted: fault.onAccepted, idPrefix: 'wkill' });
    await fault.done();
    const report = await lifecycleReport(this.name, cluster, sizes, subscribers, log, recoveredAt, notes, []);
    const after = await platformCalls(survivor!.process);
    report.notes.push(`${survivor!.process.name} made ${after - survivor!.callsAtKill} platform calls after the kill`);
    if (after <= survivor!.callsAtKill) report.problems.push('the surviving worker did no work after the kill');
    return report;
  },
};

export const platformDown: Scenario = {
  name: 'platform-down',
  description: 'the intercom platform refuses connections for a while under a burst, then comes back',
  workers: 1,
  async run(cluster, sizes, progress) {
    const subscribers = await seedSubscribers(cluster.sims, 2000, sizes.subscribers);
    let recoveredAt = 0;
    const notes: string[] = [];
    const problems: string[] = [];
    const fault = at(0.3, async () => {
      progress(`intercom down for ${sizes.downSeconds} s`);
      await cluster.sims.fault('intercom', { kind: 'down' });
      const until = Date.now() + sizes.downSeconds * 1000;
      // What an operator sees meanwhile: the call that fails and why, the activity's state by name.
      let seen = false;
      // Any subscriber with a command under way will do: look through all of them, ten a second.
      for (let offset = 0; Date.now() < until; offset = (offset + 10) % subscribers.length) {
        for (const s of subscribers.slice(offset, offset + 10)) {
          const view = await cluster.client.getSubscriber('lanbilling', s.account).catch(() => null);
          const retrying = view?.retrying.find((r) => r.lastFailure);
          if (!retrying || seen) continue;
          seen = true;
          notes.push(`an operator sees: ${retrying.activityType} ${retrying.state}, attempt ${retrying.attempt}: "${retrying.lastFailure}"`);
          if (!/^intercom\.\w+: .*ECONNREFUSED/.test(retrying.lastFailure ?? '')) problems.push(`the retrying activity's last failure does not name the call and the cause: "${retrying.lastFailure}"`);
          if (!['SCHEDULED', 'STARTED'].includes(retrying.state)) problems.push(`the retrying activity's state is "${retrying.state}"`);
        }
        await sleep(1000);
      }
      if (!seen) problems.push('no retrying activity with a last failure was seen during the outage');
      await cluster.sims.clearFaults('intercom');
      recoveredAt = Date.now();
      progress('intercom back');
    });
    const log = await runBurst({ client: () => cluster.client, lanbillingUrl: cluster.sims.urls.lanbilling!, subscribers, concurrency: sizes.concurrency, onAccepted: fault.onAccepted, idPrefix: 'down' });
    await fault.done();
    const report = await lifecycleReport(this.name, cluster, sizes, subscribers, log, recoveredAt, notes, problems);
    const parked = (await cluster.client.listParked()).filter((p) => subscribers.some((s) => s.account === p.account));
    if (parked.length) report.problems.push(`${parked.length} subscribers parked by an outage (it must only delay them)`);
    report.notes.push(`${parked.length} parked`);
    return report;
  },
};

export const temporalRestart: Scenario = {
  name: 'temporal-restart',
  description: 'the Temporal server stopped and started again at 40% of a burst while the API and workers keep running',
  workers: 1,
  async run(cluster, sizes, progress) {
    const subscribers = await seedSubscribers(cluster.sims, 3000, sizes.subscribers);
    const pids = cluster.processes.map((p) => p.pid);
    let recoveredAt = 0;
    const notes: string[] = [];
    const fault = at(0.4, async () => {
      progress('restarting Temporal');
      const t = Date.now();
      await cluster.options.temporal.halt('SIGTERM');
      await cluster.options.temporal.start();
      recoveredAt = Date.now();
      notes.push(`Temporal down ${since(t)} s`);
      progress('Temporal back');
    });
    const log = await runBurst({ client: () => cluster.client, lanbillingUrl: cluster.sims.urls.lanbilling!, subscribers, concurrency: sizes.concurrency, onAccepted: fault.onAccepted, idPrefix: 'trestart' });
    await fault.done();
    const report = await lifecycleReport(this.name, cluster, sizes, subscribers, log, recoveredAt, notes, []);
    if (cluster.processes.some((p) => !p.child.running) || cluster.processes.map((p) => p.pid).join() !== pids.join()) report.problems.push('a subsync process died while Temporal restarted');
    return report;
  },
};

export const workerSigterm: Scenario = {
  name: 'worker-sigterm',
  description: 'SIGTERM of one of two workers while its platform calls hang: it drains and exits within its grace, the other finishes the work',
  workers: 2,
  // A platform that accepts and never answers holds each call for a long time: the drain may not wait for it.
  config: { worker: { shutdownGraceMs: 5000 }, platforms: { intercom: { timeoutMs: 60_000 } }, policies: { activityTimeoutMs: 120_000 } },
  async run(cluster, sizes, progress) {
    const subscribers = await seedSubscribers(cluster.sims, 4000, sizes.subscribers);
    const notes: string[] = [];
    const problems: string[] = [];
    let recoveredAt = 0;
    const fault = at(0.3, async () => {
      await cluster.sims.fault('intercom', { kind: 'timeout' });
      await sleep(3000);
      const [victim] = cluster.workers;
      progress(`SIGTERM ${victim!.name} with platform calls in flight`);
      const stop = await cluster.terminate(victim!);
      notes.push(`${victim!.name} exited ${stop.killed ? 'only when killed' : `by itself, code ${stop.code}`} ${(stop.ms / 1000).toFixed(1)} s after SIGTERM (grace 5 s)`);
      if (stop.killed || stop.code !== 0) problems.push(`the worker did not drain and exit on SIGTERM (${stop.killed ? 'killed after the stop timeout' : `exit code ${stop.code}`})`);
      else if (stop.ms > 5000 + 5000) problems.push(`the worker took ${(stop.ms / 1000).toFixed(1)} s to exit, past its 5 s grace`);
      await cluster.sims.clearFaults('intercom');
      recoveredAt = Date.now();
    });
    const log = await runBurst({ client: () => cluster.client, lanbillingUrl: cluster.sims.urls.lanbilling!, subscribers, concurrency: sizes.concurrency, onAccepted: fault.onAccepted, idPrefix: 'sigterm' });
    await fault.done();
    return lifecycleReport(this.name, cluster, sizes, subscribers, log, recoveredAt, notes, problems);
  },
};

export const workerKilledMidInvoicing: Scenario = {
  name: 'worker-killed-mid-invoicing',
  description: 'SIGKILL of the worker running an invoicing page; the other worker takes the page over',
  workers: 2,
  async run(cluster, sizes, progress) {
    const notes: string[] = [];
    const problems: string[] = [];
    await generateCustomers(cluster, sizes.customers);
    if (sizes.invoicingLatencyMs) await cluster.sims.fault('isp-integrator', { kind: 'latency', ms: sizes.invoicingLatencyMs, operation: 'createTvBillingEvent' });
    const dueDate = '2026-12-10';
    const run = await cluster.client.startInvoicingRun({ dueDate });
    // Past the first page, kill whichever worker runs the next one, in the middle of it.
    let victim;
    let pagesAtKill = 0;
    for (const deadline = Date.now() + 300_000; !victim; ) {
      const p = await invoicingProgress(cluster, run.workflowId);
      if ((p?.pagesDone ?? 0) >= 1) victim = await workerOnPage(cluster, run.workflowId);
      if (victim) pagesAtKill = p!.pagesDone;
      if (!victim && Date.now() > deadline) throw new Error('no invoicing page was seen running on a worker');
      if (!victim) await sleep(100);
    }
    progress(`SIGKILL ${victim.name} mid-page (${pagesAtKill} pages done)`);
    const deadPid = victim.pid;
    await cluster.kill(victim);
    const killedAt = Date.now();
    let stall: number | undefined;
    while (stall === undefined && Date.now() - killedAt < 120_000) {
      if (await pageMovedOn(cluster, run.workflowId, deadPid).catch(() => false)) stall = since(killedAt);
      else await sleep(250);
    }
    progress(`the page went on ${stall ?? '?'} s after the kill`);
    let done;
    for (const deadline = Date.now() + sizes.convergeTimeoutMs; ; ) {
      const status = await runStatus(cluster, run.workflowId);
      if (status?.status === 'COMPLETED' || status?.progress?.phase === 'done') {
        done = status;
        break;
      }
      if (status && status.status !== 'RUNNING' && status.status !== 'CONTINUED_AS_NEW') throw new Error(`the invoicing run ended ${status.status}: ${status.failure}`);
      if (Date.now() > deadline) break;
      await sleep(250);
    }
    const convergeSeconds = since(killedAt);
    await cluster.sims.clearFaults('isp-integrator');
    const events = await billingEventsPerPlan(cluster, dueDate);
    const summary = done?.result?.summary ?? done?.progress?.summary;
    const listed = summary ? summary.customers : 0;
    notes.push(`the killed worker's page went on ${stall ?? '?'} s after the kill`);
    if (!done) problems.push(`the run did not finish within ${sizes.convergeTimeoutMs / 1000} s`);
    if (stall === undefined || stall > 30) problems.push(`the page of the killed worker stalled ${stall ?? 'until the end'} s (it must move on within seconds)`);
    if (events.duplicates) problems.push(`${events.duplicates} plans got a second billing event`);
    if (summary && events.plans !== listed) problems.push(`${listed} plans listed but ${events.plans} have a billing event`);
    return {
      scenario: this.name,
      tried: listed,
      lost: Math.max(0, listed - events.plans),
      duplicated: { charges: 0, profiles: 0, billingEvents: events.duplicates, auditRows: 0 },
      convergeSeconds,
      notes,
      problems,
    };
  },
};

export const fullStopStart: Scenario = {
  name: 'full-stop-start',
  description: 'every process stopped (SIGTERM) with parked, retrying and invoicing work, then started again',
  workers: 2,
  async run(cluster, sizes, progress) {
    const notes: string[] = [];
    const problems: string[] = [];
    const subscribers = await seedSubscribers(cluster.sims, 5000, sizes.subscribers);
    // Parked: an account billing gives no login. Retrying: the platform is down. Invoicing: a run mid-way.
    const manager = new LanbillingManager(cluster.sims.urls.lanbilling!);
    const { agrmid } = await manager.createCustomer('Без логина', 1000);
    const noLogin = await manager.createAccount(agrmid, undefined, 'кв. 0');
    await manager.activate(noLogin);
    await manager.addIntercom(noLogin);
    await cluster.client.submitEvent({ id: `stop-nologin-${noLogin}`, billing: 'lanbilling', account: noLogin, type: 'create' }, { wait: true, timeoutMs: 60_000 });
    await generateCustomers(cluster, Math.min(sizes.customers, 2000));
    await cluster.sims.fault('isp-integrator', { kind: 'latency', ms: Math.max(sizes.invoicingLatencyMs, 50), operation: 'createTvBillingEvent' });
    const dueDate = '2026-11-10';
    const invoicing = await cluster.client.startInvoicingRun({ dueDate });
    await cluster.sims.fault('intercom', { kind: 'down' });
    const log = await runBurst({ client: () => cluster.client, lanbillingUrl: cluster.sims.urls.lanbilling!, subscribers, concurrency: sizes.concurrency, idPrefix: 'stop' });
    await sleep(2000);

    progress('SIGTERM: every subsync process, then Temporal');
    const stops = await cluster.haltAll('SIGTERM');
    for (const s of stops) {
      notes.push(`${s.name} exited ${s.killed ? 'only when killed' : `code ${s.code}`} in ${(s.ms / 1000).toFixed(1)} s`);
      if (s.killed || s.code !== 0) problems.push(`${s.name} did not stop cleanly on SIGTERM`);
    }
    await cluster.options.temporal.halt('SIGTERM');
    await sleep(2000);
    await cluster.options.temporal.start();
    await cluster.startAll();
    await cluster.sims.clearFaults('intercom');
    await cluster.sims.clearFaults('isp-integrator');
    const recoveredAt = Date.now();
    progress('started again');

    // The parked command is still parked, and goes through once billing has the login and an operator retries.
    const parked = await cluster.client.listParked();
    if (!parked.some((p) => p.account === noLogin)) problems.push('the parked command was not parked any more after the restart');
    await manager.setLogin(noLogin, '79550000000');
    await cluster.client.resolveParked('lanbilling', noLogin, { action: 'retry', by: 'chaos' });
    const report = await lifecycleReport(this.name, cluster, sizes, subscribers, log, recoveredAt, notes, problems);
    const after = await cluster.client.getSubscriber('lanbilling', noLogin);
    if (after?.parked || after?.status !== 'active') problems.push(`the once-parked subscriber is ${after?.parked ? 'still parked' : after?.status}`);

    for (const deadline = Date.now() + sizes.convergeTimeoutMs; ; ) {
      const status = await runStatus(cluster, invoicing.workflowId);
      if (status?.status === 'COMPLETED' || status?.progress?.phase === 'done') break;
      if (Date.now() > deadline) {
        problems.push('the invoicing run did not finish after the restart');
        break;
      }
      await sleep(500);
    }
    const events = await billingEventsPerPlan(cluster, dueDate);
    if (events.duplicates) problems.push(`${events.duplicates} plans got a second billing event`);
    report.duplicated.billingEvents = events.duplicates;
    report.notes.push(`invoicing resumed and billed ${events.plans} plans`);
    report.convergeSeconds = since(recoveredAt);
    return report;
  },
};

export const scenarios: Scenario[] = [crashMidBurst, workerKilledMidBurst, platformDown, workerKilledMidInvoicing, fullStopStart, temporalRestart, workerSigterm];
