import { centsToDecimal, usageAmountCents, usageChargeKey } from './usage-billing-activities';

describe('usage charges', () => {
  it('prices per second and rounds once per item, half up', () => {
    // 0.50 a minute: 60 s = 0.50, 1 s = 0.0083 → 0.01, 125 s = 1.0416 → 1.04, 3 s = 0.025 → 0.03.
    expect([60, 1, 125, 3, 0].map((s) => usageAmountCents(s, 0.5))).toEqual([50, 1, 104, 3, 0]);
    expect(usageAmountCents(36_000, 1.2)).toBe(72_000);
  });

  it('keys a charge by service, parent, item and month', () => {
    expect(usageChargeKey({ service: 'meeting', parent: '100001' }, '300001', '2026-05')).toBe('usage:meeting:100001:300001:2026-05');
  });

  it('writes cents as a decimal with two places', () => {
    expect([0, 5, 104, 123456, -250].map(centsToDecimal)).toEqual(['0.00', '0.05', '1.04', '1234.56', '-2.50']);
  });
});
