import { describeIssues, deterministicEventId, lifecycleEventSchema } from './events';

describe('lifecycle events', () => {
  it('accepts a block event and defaults its reason', () => {
    const e = lifecycleEventSchema.parse({ id: 'e-1', billing: 'lanbilling', account: '42', type: 'block' });
    expect(e).toMatchObject({ type: 'block', reason: 'manager' });
  });

  it('names each wrong field', () => {
    const r = lifecycleEventSchema.safeParse({ id: '', billing: 'lanbilling', account: '42', type: 'payment', amount: -5 });
    expect(r.success).toBe(false);
    const lines = describeIssues(r.error!);
    expect(lines.some((l) => l.startsWith('id:'))).toBe(true);
    expect(lines.some((l) => l.startsWith('amount:'))).toBe(true);
  });

  it('rejects an unknown type', () => {
    const r = lifecycleEventSchema.safeParse({ id: 'x', billing: 'b', account: '1', type: 'explode' });
    expect(describeIssues(r.error!).join()).toMatch(/type/);
  });

  it('gives one change one id whoever reports it', () => {
    const a = deterministicEventId({ billing: 'lanbilling', account: '42', type: 'block', stamp: '2026-11-21 10:00:00' });
    const b = deterministicEventId({ billing: 'lanbilling', account: '42', type: 'block', stamp: '2026-11-21 10:00:00' });
    expect(a).toBe(b);
    expect(lifecycleEventSchema.safeParse({ id: a, billing: 'lanbilling', account: '42', type: 'sync' }).success).toBe(true);
  });
});
