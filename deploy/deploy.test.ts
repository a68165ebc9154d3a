import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

/**
 * The monitoring files operators load as they are: the rule file and scrape config parse as
 * Prometheus expects, every alert says how bad it is and what to do, and the dashboard imports
 * into Grafana with every panel on the chosen data source. (tests/e2e/metrics.test.ts checks
 * that every metric they name is one a running subsync exports.)
 */
const read = (file: string) => fs.readFileSync(path.join(__dirname, file), 'utf8');

interface Rule {
  alert: string;
  expr: string;
  for?: string;
  labels?: { severity?: string };
  annotations?: { summary?: string; description?: string };
}

describe('deploy: Prometheus and Grafana files', () => {
  it('has alert rules for parked commands, a platform down and a growing backlog, each with a severity and a summary', () => {
    const { groups } = parse(read('prometheus/alerts.yml')) as { groups: { name: string; rules: Rule[] }[] };
    const rules = groups.flatMap((g) => g.rules);
    expect(rules.map((r) => r.alert)).toEqual(expect.arrayContaining(['SubsyncParkedCommands', 'SubsyncPlatformDown', 'SubsyncInboxBacklogGrowing']));
    for (const rule of rules) {
      expect(rule).toMatchObject({ alert: expect.stringMatching(/^Subsync[A-Za-z]+$/), expr: expect.any(String), labels: { severity: expect.stringMatching(/^(warning|critical)$/) }, annotations: { summary: expect.any(String) } });
      if (rule.for !== undefined) expect(rule.for).toMatch(/^\d+[smh]$/);
      // Parentheses balance: the commonest way a hand-edited PromQL expression breaks.
      expect([...rule.expr].reduce((depth, c) => (depth < 0 ? depth : depth + (c === '(' ? 1 : c === ')' ? -1 : 0)), 0)).toBe(0);
    }
    expect(new Set(rules.map((r) => r.alert)).size).toBe(rules.length);
  });

  it('scrapes the API and worker ports and loads the rule file beside it', () => {
    const config = parse(read('prometheus/prometheus.yml')) as { rule_files: string[]; scrape_configs: { job_name: string; metrics_path: string; static_configs: { targets: string[] }[] }[] };
    expect(config.rule_files).toEqual(['alerts.yml']);
    const job = config.scrape_configs.find((c) => c.job_name === 'subsync')!;
    expect(job.metrics_path).toBe('/metrics');
    expect(job.static_configs.flatMap((c) => c.targets)).toEqual(['127.0.0.1:3000', '127.0.0.1:9464']);
  });

  it('is a Grafana dashboard whose panels all query the chosen Prometheus', () => {
    const dashboard = JSON.parse(read('grafana/subsync.json')) as { uid: string; templating: { list: { name: string; type: string }[] }; panels: { id: number; type: string; title: string; datasource?: { uid: string }; targets?: { expr: string; refId: string }[] }[] };
    expect(dashboard.uid).toBe('subsync-overview');
    expect(dashboard.templating.list).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'datasource', type: 'datasource' })]));
    const ids = dashboard.panels.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    const queries = dashboard.panels.filter((p) => p.type !== 'row');
    expect(queries.length).toBeGreaterThan(10);
    for (const panel of queries) {
      expect(panel.datasource).toEqual({ type: 'prometheus', uid: '${datasource}' });
      expect(panel.targets?.length).toBeGreaterThan(0);
      for (const t of panel.targets ?? []) expect(t.expr).toMatch(/\b(subsync|temporal|process|nodejs)_[a-z_]+/);
    }
  });
});
