/**
 * Plays the LANBilling manager against the simulator `npm start` runs (SOAP api3 on 4010), for
 * trying subsync by hand: change an account in billing, then watch the watcher (or a hook
 * event) carry the change to the platforms.
 *
 *   npx tsx scripts/billing-manager.ts block 200      # manager block (code 3)
 *   npx tsx scripts/billing-manager.ts unblock 200
 *   npx tsx scripts/billing-manager.ts switch-off 101  # disable the account
 *   npx tsx scripts/billing-manager.ts activate 101
 *   npx tsx scripts/billing-manager.ts pay 30 500      # a payment of 500 on agreement 30
 */
import { LanbillingManager } from '../simulators/lanbilling/manager';

async function main(): Promise<void> {
  const [action, id, amount] = process.argv.slice(2);
  const url = process.env.LANBILLING_URL ?? 'http://127.0.0.1:4010/';
  const manager = new LanbillingManager(url);
  const actions: Record<string, () => Promise<unknown>> = {
    block: () => manager.block(id),
    unblock: () => manager.unblock(id),
    'switch-off': () => manager.switchOff(id),
    activate: () => manager.activate(id),
    pay: () => manager.pay(Number(id), Number(amount)),
  };
  const run = actions[action];
  if (!run || !id || (action === 'pay' && !Number.isFinite(Number(amount)))) {
    console.error(`usage: billing-manager.ts ${Object.keys(actions).join('|')} <vgid|agrmid> [amount]`);
    process.exit(2);
  }
  await run();
  console.log(`${action} ${id}${amount ? ` ${amount}` : ''}: done in LANBilling (${url})`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
