import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLicenseCentralSimulator } from '../../simulators/license-central';
import { createWebhookReceiver, ReceiverFault } from '../../simulators/webhook-receiver';

/**
 * License Central and a Standard Webhooks receiver in a process of their own, so their memory and
 * CPU are counted apart from the worker's and the bench's. A small control API drives them:
 * `POST /generate {events}`, `GET /receiver`, `POST /receiver/fault {…}`, `DELETE /receiver/fault`,
 * `POST /receiver/reset`. Prints one JSON line with its URLs, then serves until killed.
 */
export const BENCH_ITEM = { firmCode: 6000010, productCode: 202, name: 'Video archive' };
const LICENSES_PER_ORDER = 199;
const ACTIVATED_PER_ORDER = 50;

async function main(): Promise<void> {
  const secret = process.env.BENCH_WEBHOOK_SECRET;
  if (!secret) throw new Error('BENCH_WEBHOOK_SECRET is not set');
  const lc = createLicenseCentralSimulator();
  const receiver = createWebhookReceiver({ secrets: [secret], keepPayloads: 0 });
  const lcUrl = await lc.start(0);
  const receiverUrl = await receiver.start(0);
  lc.seed({ items: [BENCH_ITEM] });
  let orders = 0;

  /** Orders of 199 licenses, 50 of them activated at once: 250 changes per order over the three feeds. */
  const generate = (events: number) => {
    let made = 0;
    while (made < events) {
      const n = ++orders;
      const { ticket } = lc.store.placeOrder({ orderNumber: `BENCH-${n}`, customer: { customerNumber: `bench:${n}` }, lines: [{ position: '1', firmCode: BENCH_ITEM.firmCode, productCode: BENCH_ITEM.productCode, quantity: LICENSES_PER_ORDER }] });
      const licenses = [...lc.store.licenses.values()].filter((l) => l.ticket === ticket.ticket).slice(0, ACTIVATED_PER_ORDER).map((l) => l.licenseNumber);
      lc.portal.activate({ ticket: ticket.ticket, containerSerial: `130-${String(n).padStart(7, '0')}`, licenseNumbers: licenses });
      made += 1 + LICENSES_PER_ORDER + ACTIVATED_PER_ORDER;
    }
    return { events: made, changes: lc.store.changes.length };
  };

  const control = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const reply = (status: number, payload?: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(payload === undefined ? '' : JSON.stringify(payload));
      };
      try {
        const json = body ? JSON.parse(body) : {};
        if (req.method === 'POST' && req.url === '/generate') return reply(200, generate(Number(json.events)));
        if (req.method === 'GET' && req.url === '/receiver') {
          const received = receiver.received();
          return reply(200, { ...receiver.state(), firstAt: received.reduce((m, r) => Math.min(m, r.firstReceivedAt), Infinity), lastAt: received.reduce((m, r) => Math.max(m, r.firstReceivedAt), 0) });
        }
        if (req.method === 'POST' && req.url === '/receiver/fault') {
          receiver.setReceiverFault(json as ReceiverFault);
          return reply(204);
        }
        if (req.method === 'DELETE' && req.url === '/receiver/fault') {
          receiver.setReceiverFault(undefined);
          return reply(204);
        }
        if (req.method === 'POST' && req.url === '/receiver/reset') {
          receiver.reset();
          return reply(204);
        }
        reply(404, { error: `no route ${req.method} ${req.url}` });
      } catch (err) {
        reply(500, { error: err instanceof Error ? err.message : String(err) });
      }
    });
  });
  await new Promise<void>((r) => control.listen(0, '127.0.0.1', r));
  const controlUrl = `http://127.0.0.1:${(control.address() as AddressInfo).port}`;
  process.stdout.write(`${JSON.stringify({ lcUrl, receiverUrl, controlUrl })}\n`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
