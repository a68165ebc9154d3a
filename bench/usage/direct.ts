import { performance } from 'node:perf_hooks';
import { usageAmountCents } from '../../activities/usage-billing-activities';
import type { MeetingLicensePlatform } from '../../connectors/meetings/port';
import type { BillingSystem } from '../../connectors/ports';

export interface DirectFigures {
  wallMs: number;
  items: number;
  seconds: number;
  charged: number;
  /** Cents. */
  amount: number;
}

/**
 * The month-end billing calls without Temporal or the store: the same usage totals pages and one
 * billing charge per child license with its idempotency key, at the same concurrency as the
 * worker's activity. What the workflow's run time is compared with.
 */
export async function directUsageLoop(options: {
  platform: MeetingLicensePlatform;
  billing: BillingSystem;
  parent: string;
  account: string;
  agreement: string;
  month: string;
  from: string;
  to: string;
  pageSize: number;
  concurrency: number;
  pricePerMinute: number;
  progress: (message: string) => void;
}): Promise<DirectFigures> {
  const started = performance.now();
  const figures: DirectFigures = { wallMs: 0, items: 0, seconds: 0, charged: 0, amount: 0 };
  let cursor: string | undefined;
  do {
    const page = await options.platform.usageTotals({ parentLicense: options.parent, from: options.from, to: options.to, cursor, limit: options.pageSize });
    for (let i = 0; i < page.items.length; i += options.concurrency) {
      await Promise.all(
        page.items.slice(i, i + options.concurrency).map(async (item) => {
          const amount = usageAmountCents(item.seconds, options.pricePerMinute);
          const result = await options.billing.charge({
            accountId: options.account,
            agreementId: options.agreement,
            amount: amount / 100,
            idempotencyKey: `direct:${options.parent}:${item.licenseNumber}:${options.month}`,
            comment: `direct loop ${item.licenseNumber}, ${options.month}: ${item.seconds} s`,
          });
          figures.items++;
          figures.seconds += item.seconds;
          if (result.status === 'charged') {
            figures.charged++;
            figures.amount += amount;
          }
        }),
      );
    }
    cursor = page.nextCursor;
    options.progress(`direct loop: ${figures.items} items charged so far, ${((performance.now() - started) / 1000).toFixed(0)} s`);
  } while (cursor !== undefined);
  figures.wallMs = performance.now() - started;
  return figures;
}
