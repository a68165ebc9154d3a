import { parseBenchArgs } from './args';
import type { Scenario } from './scenario';

const scenario = (name: string, flags: string[]): Scenario => ({
  name,
  description: name,
  options: flags.map((flag) => ({ flag, env: `BENCH_${flag.toUpperCase()}`, default: 7, description: flag })),
  run: async () => ({ sections: [], problems: [] }),
});
const lifecycle = scenario('lifecycle', ['subscribers', 'concurrency']);
const invoicing = scenario('invoicing', ['customers', 'concurrency']);
const known = [lifecycle, invoicing];

describe('parseBenchArgs', () => {
  it('takes --flag value and --flag=value, then the environment, then the default', () => {
    const args = parseBenchArgs(['--subscribers', '1000', '--customers=5'], { BENCH_CONCURRENCY: '3', BENCH_SUBSCRIBERS: '9' }, known);
    expect(args.option(lifecycle, 'subscribers')).toBe(1000);
    expect(args.option(lifecycle, 'concurrency')).toBe(3);
    expect(args.option(invoicing, 'customers')).toBe(5);
    expect(parseBenchArgs([], {}, known).option(lifecycle, 'subscribers')).toBe(7);
  });

  it('runs every scenario by default and the named ones otherwise', () => {
    expect(parseBenchArgs([], {}, known).scenarios).toEqual(known);
    expect(parseBenchArgs(['--scenario', 'invoicing'], {}, known).scenarios).toEqual([invoicing]);
    expect(parseBenchArgs([], { BENCH_SCENARIO: 'lifecycle|invoicing' }, known).scenarios).toEqual(known);
  });

  it('refuses typos and bad numbers before anything runs', () => {
    expect(() => parseBenchArgs(['--subscriber', '5'], {}, known)).toThrow(/unknown option --subscriber; known: .*--subscribers/);
    expect(() => parseBenchArgs(['--scenario', 'tv'], {}, known)).toThrow(/unknown scenario "tv"; known: lifecycle, invoicing, all/);
    expect(() => parseBenchArgs(['--subscribers', '0'], {}, known)).toThrow(/--subscribers \(or BENCH_SUBSCRIBERS\) must be a positive integer, got "0"/);
    expect(() => parseBenchArgs([], { BENCH_CONCURRENCY: '2.5' }, known)).toThrow(/must be a positive integer, got "2.5"/);
    expect(() => parseBenchArgs(['--subscribers'], {}, known)).toThrow(/--subscribers needs a value/);
    expect(() => parseBenchArgs(['200'], {}, known)).toThrow(/unexpected argument "200"/);
  });

  it('does not let a scenario read an option it did not declare', () => {
    expect(() => parseBenchArgs([], {}, known).option(invoicing, 'subscribers')).toThrow(/undeclared option --subscribers/);
  });
});
