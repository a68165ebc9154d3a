import { formatLbDate } from '../../connectors/lanbilling';
import { createIntercomSimulator } from '../../simulators/intercom';
import { BLOCK, createLanbillingSimulator, INTERCOM } from '../../simulators/lanbilling';
import { progressLine, serveControl } from '../support/control-server';
import { benchSubscribers, lanbillingSeed, ManagerChange } from './plan';
import type { LifecycleOutcome, LifecycleSimulatorUrls } from './simulators';
import { driveThroughSubsync } from './through-subsync';

/**
 * Billing's process: LANBilling (SOAP api3), its managers and its hooks, and the intercom platform
 * (REST), so the bench process's CPU and memory are subsync's (API, worker) and billing's and the
 * platform's are measured on their own. Control API (bench/support/control-server.ts):
 * `prepare {subscribers}` (reset and seed), `manager {change, vgid}`, `drive {apiUrl, apiKey,
 * subscribers, concurrency}` (billing's hooks send the lifecycle through subsync; answers the
 * samples), `progress`, `outcome`. Prints one JSON line with its URLs, then serves until killed.
 *
 * The manager's change is made in the simulator's store with the operation api3's handler runs
 * (blkVgroup, insupdUsboxService, stopUsboxService), as billing's own UI writes its database: it
 * causes the event and is not what is measured.
 */
async function main(): Promise<void> {
  const lanbilling = createLanbillingSimulator();
  const intercom = createIntercomSimulator();
  const lanbillingUrl = await lanbilling.start(0);
  const intercomUrl = await intercom.start(0);
  /** The periodic service each vgroup got at service.enable, which the manager ends at service.disable. */
  const services = new Map<number, number>();
  const store = lanbilling.store;
  const changes: Record<ManagerChange, (vgid: number) => unknown> = {
    activate: (vgid) => store.blkVgroup(vgid, BLOCK.off, 'off'),
    // Started an hour ago so that ending it "now" at service.disable comes after its start.
    'add-service': (vgid) =>
      services.set(vgid, store.insupdUsboxService(true, 0, { vgid, tarid: INTERCOM.tarid, catidx: INTERCOM.catidx, mul: 1, timefrom: formatLbDate(new Date(Date.now() - 3600_000)) })),
    block: (vgid) => store.blkVgroup(vgid, BLOCK.manager, 'on'),
    unblock: (vgid) => store.blkVgroup(vgid, BLOCK.manager, 'off'),
    'end-service': (vgid) => {
      const servid = services.get(vgid);
      if (servid === undefined) throw new Error(`vgroup ${vgid} got no service to end`);
      return store.stopUsboxService(servid, formatLbDate(new Date()));
    },
  };

  const manage = (change: string, vgid: number) => {
    const apply = changes[change as ManagerChange];
    if (!apply) throw new Error(`no manager change "${String(change)}"`);
    apply(vgid);
  };
  const progress = progressLine();

  const controlUrl = await serveControl({
    prepare: ({ subscribers }) => {
      lanbilling.reset();
      intercom.reset();
      services.clear();
      lanbilling.seed(lanbillingSeed(benchSubscribers(Number(subscribers))));
      return {};
    },
    manager: ({ change, vgid }) => {
      manage(String(change), Number(vgid));
      return {};
    },
    drive: ({ apiUrl, apiKey, subscribers, concurrency }) =>
      driveThroughSubsync({
        apiUrl: String(apiUrl),
        apiKey: String(apiKey),
        manage: (change, subscriber) => manage(change, subscriber.vgid),
        subscribers: benchSubscribers(Number(subscribers)),
        concurrency: Number(concurrency),
        progress: progress.note,
      }),
    progress: progress.handler,
    outcome: (): LifecycleOutcome => {
      const { profiles, events } = intercom.state();
      return {
        profiles: profiles.length,
        events: events.map((e) => ({ type: e.type, login: e.login, at: e.at })),
        charges: lanbilling.state().payments.filter((p) => p.amount < 0).length,
      };
    },
  });
  const urls: LifecycleSimulatorUrls = { lanbillingUrl, intercomUrl, intercomToken: intercom.token, controlUrl };
  process.stdout.write(`${JSON.stringify(urls)}\n`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
