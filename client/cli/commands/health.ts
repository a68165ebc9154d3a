import { Command } from 'commander';
import type { ComponentHealth } from '../../../api/operations';
import { CliFailure, clientFor, print, printJson } from '../context';
import { table } from '../format';

/** `subsync health`: Temporal, the store and each connector; exit 1 when anything is down (for monitoring). */
export function registerHealthCommand(program: Command): void {
  program
    .command('health')
    .description('health of Temporal, the store and each connector (exit 1 when something is down)')
    .option('--json', 'print the API answer as JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const report = await clientFor(command).health();
      if (options.json) printJson(report);
      else {
        const rows = [row('temporal', report.temporal), row('store', report.store), ...Object.entries(report.connectors).map(([name, h]) => row(`connector ${name}`, h))];
        print(table(['COMPONENT', 'STATE', 'LATENCY', 'ERROR'], rows));
        const n = report.notifications;
        if (n) {
          print(`\nnotifications: ${n.pending} pending, ${n.failed} failed`);
          print(table(['ENDPOINT', 'STATE', 'PENDING', 'FAILED'], n.endpoints.map((e) => [e.name, e.enabled ? 'enabled' : `disabled (${e.disabledReason ?? 'no reason given'})`, e.pending, e.failed])));
        }
      }
      if (!report.ok) throw new CliFailure('subsync is unhealthy', 1);
    });
}

function row(name: string, health: ComponentHealth): (string | undefined)[] {
  return [name, health.ok ? 'ok' : 'DOWN', health.latencyMs === undefined ? undefined : `${Math.round(health.latencyMs)} ms`, health.error];
}
