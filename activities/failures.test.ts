import net from 'node:net';
import { ApplicationFailure, CancelledFailure, defaultFailureConverter, defaultPayloadConverter } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { PermanentError, RateLimitedError, TransientError } from '../connectors/errors';
import { intercomConnector } from '../connectors/intercom';
import type { Logger } from '../domain/logger';
import { mapFailures, toFailure } from './failures';

/**
 * The Temporal server keeps a retrying activity's last failure up to 4 KB and shows "Failure
 * exceeds size limit." instead of a larger one; it warns from 2 KB. Ours stay under the warning.
 */
const SERVER_FAILURE_WARN_LIMIT = 2048;

/** A port nothing listens on: connections to it are refused, as to a platform that is down. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function recordingLogger(): Logger & { lines: { obj: Record<string, unknown>; msg?: string }[] } {
  const lines: { obj: Record<string, unknown>; msg?: string }[] = [];
  const log = (obj: object | string, msg?: string) => void lines.push(typeof obj === 'string' ? { obj: {}, msg: obj } : { obj: obj as Record<string, unknown>, msg });
  const logger = { level: 'info', fatal: log, error: log, warn: log, info: log, debug: log, trace: log, child: () => logger, lines };
  return logger;
}

/** The failure as the worker sends it to the server, encoded. */
function encodedSize(failure: unknown): number {
  const proto = defaultFailureConverter.errorToFailure(failure, defaultPayloadConverter);
  return temporal.api.failure.v1.Failure.encode(proto).finish().length;
}

describe('connector errors become Temporal failures', () => {
  it('keeps transient errors retryable', () => {
    const f = toFailure(new TransientError('intercom', 'addAddress', 'ECONNREFUSED')) as ApplicationFailure;
    expect(f).toBeInstanceOf(ApplicationFailure);
    expect(f.nonRetryable).toBe(false);
    expect(f.type).toBe('Transient');
  });

  it("retries a rate limit after the platform's Retry-After", () => {
    const f = toFailure(new RateLimitedError('intercom', 'addAddress', 7000)) as ApplicationFailure;
    expect(f.nextRetryDelay).toBe(7000);
    expect(f.nonRetryable).toBe(false);
  });

  it('makes permanent errors non-retryable with their reason as type', async () => {
    const acts = mapFailures({ boom: async () => { throw new PermanentError('lanbilling', 'getVgroups', 'validation', 'vgid: required'); } });
    await expect(acts.boom()).rejects.toMatchObject({ nonRetryable: true, type: 'Permanent.validation', message: expect.stringContaining('vgid: required') });
  });

  it('keeps unexpected errors retryable under their own name, so a fixed bug lets the command through', () => {
    const f = toFailure(new TypeError('x is undefined')) as ApplicationFailure;
    expect(f).toBeInstanceOf(ApplicationFailure);
    expect(f).toMatchObject({ type: 'TypeError', message: 'x is undefined', nonRetryable: false });
  });

  it("passes Temporal's own failures through (a cancellation must stay one)", () => {
    const cancelled = new CancelledFailure('cancelled');
    expect(toFailure(cancelled)).toBe(cancelled);
  });
});

describe('a failure an operator reads', () => {
  it('names the call and the cause of a refused connection, fits what the server keeps, and logs the full chain', async () => {
    const port = await closedPort();
    const intercom = intercomConnector.create('intercom', intercomConnector.configSchema.parse({ url: `http://127.0.0.1:${port}`, token: 't', timeoutMs: 2000 }), { logger: recordingLogger() });
    const logger = recordingLogger();
    const acts = mapFailures({ read: () => intercom.read({ login: '79000000001', externalId: 'lanbilling:1' }) }, logger);

    const thrown = await acts.read().then(
      () => undefined,
      (err: unknown) => err,
    );

    expect(thrown).toBeInstanceOf(ApplicationFailure);
    const f = thrown as ApplicationFailure;
    expect(f.type).toBe('Transient');
    expect(f.message).toMatch(/^intercom\.\w+: .*ECONNREFUSED/);
    // The socket errors behind it (axios, the refused connection, with their stacks) stay out of what Temporal stores...
    expect(encodedSize(f)).toBeLessThan(SERVER_FAILURE_WARN_LIMIT);
    expect(f.cause).toBeUndefined();
    // ...and go to the log instead, whole.
    const logged = logger.lines.find((l) => l.obj.err instanceof Error);
    expect((logged?.obj.err as Error | undefined)?.cause).toBeDefined();
  });

  it('bounds a huge message and stack whatever threw them', () => {
    const err = new Error(`SOAP fault: ${'x'.repeat(20_000)}`);
    err.stack = `Error: ${err.message}\n${Array.from({ length: 200 }, (_, i) => `    at frame${i} (/srv/subsync/some/deep/module/path/file${i}.ts:${i}:1)`).join('\n')}`;
    const f = toFailure(err) as ApplicationFailure;
    expect(f.message.length).toBeLessThanOrEqual(500);
    expect(encodedSize(f)).toBeLessThan(SERVER_FAILURE_WARN_LIMIT);
  });
});
