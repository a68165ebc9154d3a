import type { FeedChange } from '../../domain/outbox';
import { activationMessages } from './activations';

const change = (n: number, over: Record<string, unknown>): FeedChange => {
  const data = { changeId: `CHG-${n}`, feed: 'activations', type: 'activation.activated', at: '2026-12-01T10:00:00.000Z', ticket: 'T1', orderNumber: 'O1', licenseNumber: `L${n}`, item: { firmCode: 1, productCode: 2 }, status: 'activated', containerSerial: '130-1', ...over };
  return { changeId: data.changeId, type: data.type as string, at: data.at as string, data };
};

describe('activation detail modes', () => {
  const txn = [change(1, {}), change(2, {}), change(3, { type: 'activation.returned', licenseNumber: 'L1', status: 'available', at: '2026-12-01T11:00:00.000Z' })];

  it('per_ticket: one message per transaction; the last one held back while the page says more waits', () => {
    const open = activationMessages('lc', 'per_ticket', txn.slice(0, 2), false);
    expect(open).toEqual({ messages: [], held: ['CHG-1', 'CHG-2'] });
    const done = activationMessages('lc', 'per_ticket', txn, true);
    expect(done.held).toEqual([]);
    expect(done.messages.map((m) => [m.type, m.data.licenseCount, m.changeIds])).toEqual([
      ['activation.transaction', 2, ['CHG-1', 'CHG-2']],
      ['activation.transaction', 1, ['CHG-3']],
    ]);
    // A transaction's id comes from what it is, so the same transaction read again has the same id.
    expect(activationMessages('lc', 'per_ticket', txn.slice(0, 2), true).messages[0]!.messageId).toBe(done.messages[0]!.messageId);
    expect(done.messages[0]!.messageId).not.toContain('.');
  });

  it('current_status: the latest change per license, superseding older ones, in source order', () => {
    const { messages } = activationMessages('lc', 'current_status', txn, true);
    expect(messages.map((m) => [m.data.licenseNumber, m.data.activated, m.data.containerSerial ?? null, m.supersedesOlder])).toEqual([
      ['L2', true, '130-1', true],
      ['L1', false, null, true],
    ]);
    expect(messages[1]!.changeIds).toEqual(['CHG-1', 'CHG-3']);
  });

  it('all: every change, keyed by license', () => {
    const { messages } = activationMessages('lc', 'all', txn, false);
    expect(messages.map((m) => [m.messageId, m.orderKey])).toEqual([
      ['lc:CHG-1', 'license:L1'],
      ['lc:CHG-2', 'license:L2'],
      ['lc:CHG-3', 'license:L1'],
    ]);
  });
});
