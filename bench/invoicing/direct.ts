import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import { ChargedExtras, IspIntegratorBilling, ispIntegratorConnector, Page } from '../../connectors/isp-integrator';
import { benchLogger } from '../support/logger';
import { ProcessMemory, readProcessMemory, resetPeakRss } from '../support/proc';

export interface DirectInvoicingFigures {
  wallMs: number;
  customers: number;
  created: number;
  existing: number;
  /** Centavos. */
  value: number;
  pages: number;
}

/**
 * The invoicing calls without Temporal or the store: the same connector reading the same
 * charged-extras pages (the next one read while the current one's events are saved) and saving
 * one billing event per plan with its idempotency key, in groups of `concurrency` as the
 * activity does. What the workflow's run time is compared with: the floor on this machine.
 * The bench runs it in a process of its own (`runDirectInvoicingProcess`).
 */
export async function directInvoicingLoop(options: {
  billing: IspIntegratorBilling;
  dueDate: string;
  pageSize: number;
  concurrency: number;
  progress: (message: string) => void;
}): Promise<DirectInvoicingFigures> {
  const { billing, dueDate, pageSize, concurrency } = options;
  const started = performance.now();
  const figures: DirectInvoicingFigures = { wallMs: 0, customers: 0, created: 0, existing: 0, value: 0, pages: 0 };
  const save = async (row: ChargedExtras) => {
    const { event, created } = await billing.createTvBillingEvent({
      customerId: row.customerId,
      contractedPlanId: row.contractedPlanId,
      dueDate,
      items: row.extras.map((e) => ({ packageId: e.packageId, name: e.name, price: e.price })),
      idempotencyKey: `direct:${row.customerId}:${row.contractedPlanId}:${dueDate}`,
    });
    figures.customers++;
    figures.value += event.total;
    if (created) figures.created++;
    else figures.existing++;
  };
  let lastReport = started;
  let next: Promise<Page<ChargedExtras>> | undefined = billing.listChargedExtras({ limit: pageSize });
  while (next) {
    const page: Page<ChargedExtras> = await next;
    next = page.nextCursor === null ? undefined : billing.listChargedExtras({ cursor: page.nextCursor, limit: pageSize });
    for (let i = 0; i < page.items.length; i += concurrency) await Promise.all(page.items.slice(i, i + concurrency).map(save));
    figures.pages++;
    if (performance.now() - lastReport >= 10_000) {
      lastReport = performance.now();
      options.progress(`direct loop: ${figures.customers} customers done (${((figures.customers * 1000) / (lastReport - started)).toFixed(0)}/s), ${((lastReport - started) / 1000).toFixed(0)} s`);
    }
  }
  figures.wallMs = performance.now() - started;
  return figures;
}

const processOptions = z.object({ url: z.string().url(), token: z.string(), dueDate: z.string(), pageSize: z.number().int().positive(), concurrency: z.number().int().positive() });
export type DirectProcessOptions = z.infer<typeof processOptions>;

/** What the loop's own process reports: its figures, its CPU over the loop, its memory at the end and its peak over the loop. */
export interface DirectProcessReport {
  figures: DirectInvoicingFigures;
  cpuSeconds: number;
  memory?: ProcessMemory;
  /** Whether the peak covers the loop only (VmHWM reset before it) or also the process's start. */
  peakReset: boolean;
}

/**
 * Runs the loop as a script of its own (`node --import tsx bench/invoicing/direct.ts`), so its
 * memory and CPU are the loop's alone, as the simulator's are: the reference for the worker's.
 * Resolves when the script has finished; `pid` is there at once, for the simulator's CPU window.
 */
export function runDirectInvoicingProcess(options: DirectProcessOptions): { pid: number; done: Promise<DirectProcessReport> } {
  // `--import tsx` runs the TypeScript in this one process (the tsx CLI would add a wrapper process).
  const child = spawn(process.execPath, ['--import', 'tsx', __filename, JSON.stringify(processOptions.parse(options))], { stdio: ['ignore', 'pipe', 'inherit'] });
  const done = new Promise<DirectProcessReport>((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (code !== 0) return reject(new Error(`the direct invoicing loop exited with code ${code}, signal ${signal}`));
      const last = output.trim().split('\n').pop() ?? '';
      resolve(JSON.parse(last) as DirectProcessReport);
    });
  });
  return { pid: child.pid!, done };
}

if (require.main === module) {
  void (async () => {
    const options = processOptions.parse(JSON.parse(process.argv[2] ?? '{}'));
    const billing = ispIntegratorConnector.create('isp-integrator', ispIntegratorConnector.configSchema.parse({ url: options.url, token: options.token, timeoutMs: 30_000 }), { logger: benchLogger() });
    if (!(billing instanceof IspIntegratorBilling)) throw new Error('the ISP-Integrator connector made no IspIntegratorBilling');
    // The peak over the loop, not over starting Node and compiling the TypeScript.
    const peakReset = resetPeakRss('self');
    const cpuStart = process.cpuUsage();
    const figures = await directInvoicingLoop({ ...options, billing, progress: (message) => process.stderr.write(`[bench] ${message}\n`) });
    const cpu = process.cpuUsage(cpuStart);
    const report: DirectProcessReport = { figures, cpuSeconds: (cpu.user + cpu.system) / 1e6, memory: readProcessMemory('self'), peakReset };
    process.stdout.write(`${JSON.stringify(report)}\n`);
  })().catch((err) => {
    process.stderr.write(`direct invoicing loop: ${(err as Error).stack ?? err}\n`);
    process.exit(1);
  });
}
