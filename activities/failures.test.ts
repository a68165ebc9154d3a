import { ApplicationFailure } from '@temporalio/common';
import { PermanentError, RateLimitedError, TransientError } from '../connectors/errors';
import { mapFailures, toFailure } from './failures';

describe('connector errors become Temporal failures', () => {
  it('keeps transient errors retryable', () => {
    const f = toFailure(new TransientError('intercom', 'addAddress', 'ECONNREFUSED')) as ApplicationFailure;
    expect(f).toBeInstanceOf(ApplicationFailure);
    expect(f.nonRetryable).toBe(false);
    expect(f.type).toBe('Transient');
  });

  it('retries a rate limit after the platform\'s Retry-After', () => {
    const f = toFailure(new RateLimitedError('intercom', 'addAddress', 7000)) as ApplicationFailure;
    expect(f.nextRetryDelay).toBe(7000);
    expect(f.nonRetryable).toBe(false);
  });

  it('makes permanent errors non-retryable with their reason as type', async () => {
    const acts = mapFailures({ boom: async () => { throw new PermanentError('lanbilling', 'getVgroups', 'validation', 'vgid: required'); } });
    await expect(acts.boom()).rejects.toMatchObject({ nonRetryable: true, type: 'Permanent.validation', message: expect.stringContaining('vgid: required') });
  });

  it('leaves unexpected errors alone so Temporal retries them', () => {
    const e = new TypeError('x is undefined');
    expect(toFailure(e)).toBe(e);
  });
});
