import { metricsText, registry } from '../metrics';
import { PermanentError, RateLimitedError, TransientError } from './errors';
import { countCalls, measureCall } from './measure';

function valueOf(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('measureCall', () => {
  beforeEach(() => registry.resetMetrics());

  it('counts each call by how it ended and times it, passing results and errors through', async () => {
    await expect(measureCall('beenius', 'getSubscriber', async () => 42)).resolves.toBe(42);
    const failures = [
      new TransientError('beenius', 'getSubscriber', 'HTTP 503'),
      new RateLimitedError('beenius', 'getSubscriber', 2000),
      new PermanentError('beenius', 'getSubscriber', 'not_found', 'HTTP 404'),
      new TypeError('a bug'),
    ];
    for (const err of failures) {
      await expect(
        measureCall('beenius', 'getSubscriber', async () => {
          throw err;
        }),
      ).rejects.toBe(err);
    }
    const text = await metricsText();
    const calls = (outcome: string, reason = '') => valueOf(text, `subsync_platform_calls_total{connector="beenius",operation="getSubscriber",outcome="${outcome}",reason="${reason}"}`);
    expect([calls('ok'), calls('transient'), calls('rate_limited'), calls('permanent', 'not_found'), calls('error')]).toEqual([1, 1, 1, 1, 1]);
    expect(valueOf(text, 'subsync_platform_call_duration_seconds_count{connector="beenius",operation="getSubscriber",outcome="ok"}')).toBe(1);
  });
});

describe('countCalls', () => {
  it('counts the calls made inside it, concurrent and failed ones too, and not those made outside', async () => {
    const call = (fail = false) => measureCall('lanbilling', 'getVgroup', async () => {
      await new Promise((r) => setTimeout(r, 1));
      if (fail) throw new TransientError('lanbilling', 'getVgroup', 'timeout');
      return 1;
    });
    const outside = call();
    const { inner, outer } = await countCalls(async (outerCalls) => {
      await Promise.all([call(), call(), call(true).catch(() => undefined)]);
      const innerCount = await countCalls(async (innerCalls) => {
        await call();
        return innerCalls();
      });
      return { inner: innerCount, outer: outerCalls() };
    });
    await outside;
    expect({ inner, outer }).toEqual({ inner: 1, outer: 4 });
  });
});
