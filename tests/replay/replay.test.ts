import fs from 'node:fs';
import path from 'node:path';
import { ReplayResult, Worker } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import { createLogger } from '../../runtime/logger';
import { installTemporalRuntime } from '../../runtime/temporal';
import { workflowBundle } from '../../worker/worker';
import { historyFromJson } from './history-json';

/**
 * Every saved history (tests/replay/histories, recorded by `npm run histories:record`) must replay
 * against the current workflow code: a failure here is a change that would break workflows that
 * are running in production. histories/README.md says what to do about one.
 */
const historiesDir = path.join(__dirname, 'histories');
/** Release 0.1's histories at the top, each later release's (and upgrade recordings) in a folder of its own. */
const historyFiles = (fs.readdirSync(historiesDir, { recursive: true }) as string[]).filter((f) => f.endsWith('.json')).sort();

interface StartedEvent {
  workflowExecutionStartedEventAttributes?: { workflowType?: { name?: string }; workflowId?: string };
}
interface HistoryEvent {
  activityTaskScheduledEventAttributes?: { activityType?: { name?: string } };
  markerRecordedEventAttributes?: { markerName?: string };
}
const { version } = JSON.parse(fs.readFileSync(path.join(__dirname, '../../package.json'), 'utf8')) as { version: string };
const readJson = (file: string) => JSON.parse(fs.readFileSync(path.join(historiesDir, file), 'utf8')) as { events: StartedEvent[] };
const startOf = (file: string) => readJson(file).events[0]?.workflowExecutionStartedEventAttributes ?? {};

/** The kinds of workflow the recorder covers: a re-recording that lost one must not pass silently. */
const workflowTypes = ['subscriberWorkflow', 'tvInvoicingWorkflow', 'reconcileWorkflow', 'billingWatcherWorkflow', 'usageBillingWorkflow', 'changeFeedPollerWorkflow', 'outboxDeliveryWorkflow', 'notificationReportWorkflow'];

describe('saved workflow histories replay against the current workflow code', () => {
  const results = new Map<string, ReplayResult>();

  beforeAll(async () => {
    // The replay workers' own lines (worker state, the bundler, the expected nondeterminism) go to this file's log.
    await installTemporalRuntime({ logger: createLogger(), level: 'info', metrics: false });
    // One replay worker for all of them; each history is still replayed on its own and reported separately.
    const histories = historyFiles.map((file) => ({
      workflowId: startOf(file).workflowId ?? path.basename(file, '.json'),
      history: historyFromJson(readJson(file)),
    }));
    const replayed = Worker.runReplayHistories({ workflowBundle: await workflowBundle() }, histories);
    // Results come back one per history, in the order given (two runs of one workflow id share an id, so the file keys them).
    for (const file of historyFiles) {
      const next = await replayed.next();
      if (next.done) break;
      results.set(file, next.value);
    }
    await replayed.return?.(undefined);
  });

  it('has a history for every kind of workflow, in every release', () => {
    expect(new Set(historyFiles.map((f) => startOf(f).workflowType?.name))).toEqual(new Set(workflowTypes));
    const current = historyFiles.filter((f) => f.startsWith(`release-${version}/`));
    expect(new Set(current.map((f) => startOf(f).workflowType?.name))).toEqual(new Set(workflowTypes));
  });

  it('has runs that release 0.1 started and release 0.2 went on with: both releases\' commands in one history', () => {
    const upgrades = historyFiles.filter((f) => f.startsWith('upgrade-0.1-to-0.2/'));
    expect(upgrades.length).toBeGreaterThanOrEqual(2);
    for (const file of upgrades) {
      const events = readJson(file).events as HistoryEvent[];
      const activities = events.map((e) => e.activityTaskScheduledEventAttributes?.activityType?.name).filter(Boolean);
      const markers = events.map((e) => e.markerRecordedEventAttributes?.markerName).filter(Boolean);
      // Release 0.1's one-activity-per-step path first, then release 0.2's patch and local activities.
      expect(activities).toContain('planPlatformSteps');
      expect(markers).toContain('core_patch');
      expect(markers).toContain('core_local_activity');
    }
  });

  it.each(historyFiles)('%s replays without a determinism violation', (file) => {
    const result = results.get(file);
    expect(result).toBeDefined();
    expect(result!.error?.message).toBeUndefined();
  });
});

describe('the replay check', () => {
  it('fails a saved history replayed against workflow code that schedules a different activity', async () => {
    const history = historyFromJson(readJson('billing-watcher.json'));

    const replay = Worker.runReplayHistory({ workflowsPath: require.resolve('./fixtures/altered-watcher') }, history, 'watcher:lanbilling');

    await expect(replay).rejects.toBeInstanceOf(DeterminismViolationError);
    await expect(replay).rejects.toThrow(/pollBillingChanges/);
  });
});
