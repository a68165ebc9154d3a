import { formatLbDate } from '../../connectors/lanbilling';
import { createIntercomSimulator } from '../../simulators/intercom';
import { BLOCK, createLanbillingSimulator, INTERCOM } from '../../simulators/lanbilling';
import { serveControl } from '../support/control-server';
import { benchSubscribers, lanbillingSeed, ManagerChange } from './plan';
import type { LifecycleOutcome, LifecycleSimulatorUrls } from './simulators';

/**
 * LANBilling (SOAP api3) and the intercom platform (REST) in a process of their own, so the bench
 * process's CPU and memory are subsync's (hook client, API, worker) and the simulators' are measured
 * on their own. Control API (bench/support/control-server.ts): `prepare {subscribers}` (reset and
 * seed), `manager {change, vgid}`, `outcome`. Prints one JSON line with its URLs, then serves until killed.
 *
 * The manager's change is made in the simulator's store with the operation api3's handler runs
 * (blkVgroup, insupdUsboxService, stopUsboxService), as billing's own UI writes its database: it
 * causes the event and is not what is measured, so it costs the bench one small local request
 * (about a millisecond) rather than a SOAP round trip inside the timed phase.
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

  const controlUrl = await serveControl({
    prepare: ({ subscribers }) => {
      lanbilling.reset();
      intercom.reset();
      services.clear();
      lanbilling.seed(lanbillingSeed(benchSubscribers(Number(subscribers))));
      return {};
    },
    manager: ({ change, vgid }) => {
      const apply = changes[change as ManagerChange];
      if (!apply) throw new Error(`no manager change "${String(change)}"`);
      apply(Number(vgid));
      return {};
    },
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
