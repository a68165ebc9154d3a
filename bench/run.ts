import os from 'node:os';
import { scenarios } from './scenarios';
import { parseBenchArgs, usage } from './support/args';
import { Resources } from './support/resources';
import { renderSection } from './support/table';

/**
 * `npm run bench -- [--scenario lifecycle|…|all] [options]`: runs each scenario against its own
 * Temporal dev server and simulators, prints its tables on stdout (progress on stderr), stops
 * everything it started and exits 0, or 1 when a scenario failed or its results did not check out.
 */
const INTERRUPT_GRACE_MS = 10_000;

async function main(): Promise<number> {
  const args = parseBenchArgs(process.argv.slice(2), process.env, scenarios);
  if (args.help) {
    console.log(usage(scenarios));
    return 0;
  }
  const resources = new Resources();
  const interrupted = new AbortController();
  const progress = (message: string) => process.stderr.write(`[bench] ${message}\n`);
  const interrupt = (signal: NodeJS.Signals) => {
    progress(`${signal}: stopping what was started`);
    interrupted.abort(new Error(`interrupted by ${signal}`));
    // Waits on in-flight commands can hold a graceful stop for long; past the grace period the
    // exit hooks kill the Temporal dev server and remove the temp dirs.
    const grace = new Promise((resolve) => setTimeout(resolve, INTERRUPT_GRACE_MS).unref());
    void Promise.race([resources.releaseAll(progress), grace]).finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);

  console.log(machine());
  let ok = true;
  for (const scenario of args.scenarios) {
    const settings = scenario.options.map((o) => `${o.flag}=${args.option(scenario, o.flag)}`).join(', ');
    progress(`scenario ${scenario.name} (${settings})`);
    try {
      const report = await scenario.run({ option: (flag) => args.option(scenario, flag), resources, signal: interrupted.signal, progress });
      console.log(`\n## ${scenario.name} (${settings})\n`);
      console.log(report.sections.map(renderSection).join('\n\n'));
      for (const p of report.problems) console.log(`\nPROBLEM: ${p}`);
      ok &&= report.problems.length === 0;
    } catch (err) {
      ok = false;
      console.log(`\n## ${scenario.name} (${settings}) FAILED\n\n${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    } finally {
      await resources.releaseAll(progress);
    }
  }
  console.log(`\nload average at end ${loadAverage()}`);
  return ok ? 0 : 1;
}

function machine(): string {
  const cpus = os.cpus();
  return `# subsync bench — ${new Date().toISOString()}\n\n${cpus.length} × ${cpus[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, load average at start ${loadAverage()}`;
}

/** Other work on the machine skews the figures; the load average says how much there was. */
function loadAverage(): string {
  return os.loadavg().map((l) => l.toFixed(2)).join(' ');
}

// Exits explicitly: keep-alive sockets and the Temporal native runtime would otherwise hold the process open after cleanup.
main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
