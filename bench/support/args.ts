import type { Scenario } from './scenario';

export interface BenchArgs {
  scenarios: Scenario[];
  help: boolean;
  option(scenario: Scenario, flag: string): number;
}

/**
 * `--scenario a|b|all` (default $BENCH_SCENARIO, else all) and each scenario's own options,
 * as `--flag value` or `--flag=value`. An unknown flag or a bad number is an error, so a typo
 * never silently benchmarks the default.
 */
export function parseBenchArgs(argv: string[], env: NodeJS.ProcessEnv, known: Scenario[]): BenchArgs {
  const flags = new Map<string, string>();
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') {
      help = true;
      continue;
    }
    const m = /^--([a-z][\w-]*)(?:=(.*))?$/.exec(arg);
    if (!m) throw new Error(`unexpected argument "${arg}"`);
    const value = m[2] ?? argv[++i];
    if (value === undefined) throw new Error(`--${m[1]} needs a value`);
    flags.set(m[1]!, value);
  }
  const declared = new Set(['scenario', ...known.flatMap((s) => s.options.map((o) => o.flag))]);
  for (const flag of flags.keys()) if (!declared.has(flag)) throw new Error(`unknown option --${flag}; known: ${[...declared].map((f) => `--${f}`).join(', ')}`);

  const wanted = (flags.get('scenario') ?? env.BENCH_SCENARIO ?? 'all').split(/[|,]/).map((s) => s.trim()).filter(Boolean);
  const scenarios = wanted.includes('all') ? known : wanted.map((name) => {
    const s = known.find((k) => k.name === name);
    if (!s) throw new Error(`unknown scenario "${name}"; known: ${known.map((k) => k.name).join(', ')}, all`);
    return s;
  });

  // Resolved now, so a bad value fails before anything starts.
  const values = new Map<string, number>();
  for (const scenario of scenarios) {
    for (const o of scenario.options) {
      const raw = flags.get(o.flag) ?? env[o.env];
      if (raw === undefined || raw === '') {
        values.set(`${scenario.name}.${o.flag}`, o.default);
        continue;
      }
      const n = Number(raw);
      if (!Number.isSafeInteger(n) || n <= 0) throw new Error(`--${o.flag} (or ${o.env}) must be a positive integer, got "${raw}"`);
      values.set(`${scenario.name}.${o.flag}`, n);
    }
  }
  return {
    scenarios,
    help,
    option(scenario, flag) {
      const value = values.get(`${scenario.name}.${flag}`);
      if (value === undefined) throw new Error(`scenario ${scenario.name} reads undeclared option --${flag}`);
      return value;
    },
  };
}

export function usage(known: Scenario[]): string {
  const lines = [
    'usage: npm run bench -- [--scenario <name>|all] [options]',
    '',
    `scenarios (default all, or $BENCH_SCENARIO): ${known.map((s) => s.name).join(', ')}`,
  ];
  for (const s of known) {
    lines.push('', `  ${s.name}: ${s.description}`);
    for (const o of s.options) lines.push(`    --${o.flag} N  (${o.env}, default ${o.default})  ${o.description}`);
  }
  return lines.join('\n');
}
