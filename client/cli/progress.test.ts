import { Writable } from 'node:stream';
import { Progress } from './progress';

/** A stderr stand-in that keeps what was written; `tty` makes it look like a terminal. */
function fakeStream(tty: boolean): NodeJS.WriteStream & { text(): string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      chunks.push(String(chunk));
      done();
    },
  }) as unknown as NodeJS.WriteStream & { text(): string };
  Object.assign(stream, { isTTY: tty, columns: 120, cursorTo: () => true, clearLine: () => true, moveCursor: () => true, text: () => chunks.join('') });
  return stream;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('CLI progress', () => {
  it('shows nothing for a job that ends before the delay', async () => {
    const stream = fakeStream(false);
    const progress = new Progress({ job: 'reconcile isp-integrator', unit: 'accounts', stream, afterMs: 200 });
    progress.update({ done: 1, total: 3 });
    progress.stop();
    await sleep(250);
    expect(stream.text()).toBe('');
  });

  it('writes plain lines when stderr is not a terminal: at most one per interval, and the last state at the end', async () => {
    const stream = fakeStream(false);
    const progress = new Progress({ job: 'reconcile isp-integrator', unit: 'accounts', stream, afterMs: 0, everyMs: 10_000 });
    progress.update({ done: 0, total: 4, detail: 'drifted 0' });
    progress.update({ done: 1, total: 4, detail: 'drifted 0' }); // within the interval: not written
    progress.update({ done: 4, total: 4, detail: 'drifted 2' });
    progress.stop();
    expect(stream.text().split('\n').filter(Boolean)).toEqual([
      expect.stringMatching(/^reconcile isp-integrator: 0\/4 accounts \(0%\), drifted 0, 0s$/),
      expect.stringMatching(/^reconcile isp-integrator: 4\/4 accounts \(100%\), drifted 2, 0s$/),
    ]);
  });

  it('writes JSON lines with --json, one per change', async () => {
    const stream = fakeStream(true);
    const progress = new Progress({ job: 'invoicing tv-invoicing:isp-integrator:2026-12-10', unit: 'customers', stream, json: true, afterMs: 0, everyMs: 0 });
    progress.update({ done: 500, detail: '480 events created' });
    progress.update({ done: 500, detail: '480 events created' });
    progress.update({ done: 1000, detail: '950 events created' });
    progress.stop();
    const lines = stream.text().trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toEqual([
      { progress: 'invoicing tv-invoicing:isp-integrator:2026-12-10', unit: 'customers', done: 500, total: null, detail: '480 events created', elapsedMs: expect.any(Number) },
      { progress: 'invoicing tv-invoicing:isp-integrator:2026-12-10', unit: 'customers', done: 1000, total: null, detail: '950 events created', elapsedMs: expect.any(Number) },
    ]);
  });

  it('draws a bar on a terminal, counting once the total is known', async () => {
    const stream = fakeStream(true);
    const progress = new Progress({ job: 'reconcile isp-integrator', unit: 'accounts', stream, afterMs: 0 });
    progress.update({ done: 0, total: 0 });
    progress.update({ done: 5, total: 10, detail: 'drifted 1' });
    await sleep(150); // the bar redraws on its own clock
    progress.stop();
    const text = stream.text();
    expect(text).toMatch(/reconcile isp-integrator \| 0 accounts \| 0s/);
    expect(text).toMatch(/reconcile isp-integrator \| [█░]{30} 50% 5\/10 accounts \| drifted 1 \| 0s/);
  });

  it('shows a job that only waits once the delay has passed, without any update', async () => {
    const stream = fakeStream(false);
    const progress = new Progress({ job: 'stb import boxes.csv', unit: 'rows', stream, afterMs: 50 });
    progress.update({ detail: '1200 rows sent, ISP-Integrator is registering them' });
    expect(stream.text()).toBe('');
    await sleep(120);
    progress.stop();
    expect(stream.text()).toMatch(/^stb import boxes\.csv: 1200 rows sent, ISP-Integrator is registering them, 0s\n$/);
  });
});
