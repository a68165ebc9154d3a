// One line per test file; for a failing one, jest's failure report, what the file printed and,
// for each failing test, what subsync logged while it ran (tests/support/log-to-file.ts).
const fs = require('node:fs');
const path = require('node:path');
const { BaseReporter } = require('@jest/reporters');
const { prettyFactory } = require('pino-pretty');
const { root, testLogFile, TEST_MARK } = require('./test-log-file');

/** A failing test shows at most this many of its last log lines (the file has them all). */
const MAX_LOG_LINES = 150;

const colour = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code, text) => (colour ? `\u001b[${code}m${text}\u001b[0m` : text);
const badge = { PASS: paint('1;32', 'PASS'), FAIL: paint('1;31', 'FAIL'), SKIP: paint('1;33', 'SKIP') };

// The same one-line shape as `npm start` prints (runtime/logger.ts prettyOptions, which jest cannot load here).
const prettyLine = prettyFactory({
  colorize: colour,
  translateTime: 'SYS:HH:MM:ss.l',
  singleLine: true,
  errorLikeObjectKeys: ['err'],
  ignore: `pid,hostname,name,runId,workflowRunId,namespace,isLocal,sdkComponent,activityId,activityType,workflowType,taskQueue,workflowId,activity,attempt,component,${TEST_MARK}`,
  messageFormat: (log, messageKey) => {
    const activity = log.activity ?? log.activityType;
    const parts = [log.component && `[${log.component}]`, log.workflowId, activity && `${activity}${log.attempt > 1 ? `#${log.attempt}` : ''}`, log[messageKey]];
    return parts.filter(Boolean).join(' ');
  },
});

class QuietReporter extends BaseReporter {
  onRunStart(results, options) {
    super.onRunStart(results, options);
    this.started = Date.now();
    this.failedFiles = [];
  }

  onTestResult(test, result) {
    try {
      this.report(result);
    } catch (err) {
      // A reporter that throws would end the run before global-teardown stops the servers.
      write(`${result.numFailingTests || result.testExecError ? badge.FAIL : badge.PASS} ${result.testFilePath} (the reporter failed: ${err.message})`);
    }
  }

  report(result) {
    const file = path.relative(root, result.testFilePath);
    const seconds = `${((result.perfStats.runtime ?? 0) / 1000).toFixed(1)} s`;
    const total = result.numPassingTests + result.numFailingTests + result.numPendingTests + result.numTodoTests;
    const failed = result.numFailingTests > 0 || !!result.testExecError;
    if (!failed) {
      const status = result.numPassingTests === 0 && total > 0 ? badge.SKIP : badge.PASS;
      return write(`${status} ${file} (${total} ${total === 1 ? 'test' : 'tests'}, ${seconds})`);
    }
    this.failedFiles.push(file);
    const what = result.testExecError ? 'did not run' : `${result.numFailingTests} of ${total} tests failed`;
    write(`${badge.FAIL} ${file} (${what}, ${seconds})`);
    // jest's own report, already indented: which test, the assertion, the code frame, the stack.
    write((result.failureMessage ?? indent(result.testExecError?.message ?? '', '  ')).trimEnd());
    if (result.console?.length) {
      write(`\n  ${paint('1', 'what the test file printed')}`);
      for (const entry of result.console) write(indent(`console.${entry.type}: ${entry.message}`, '    '));
    }
    this.printLogs(result);
    write('');
  }

  onRunComplete() {
    const seconds = Math.round((Date.now() - this.started) / 1000);
    const failed = this.failedFiles.length ? `; failed: ${this.failedFiles.join(', ')}` : '';
    write(`\ntook ${Math.floor(seconds / 60)}m ${seconds % 60}s${failed}`);
  }

  printLogs(result) {
    const logFile = testLogFile(result.testFilePath);
    let lines;
    try {
      lines = fs.readFileSync(logFile, 'utf8').split('\n').filter(Boolean);
    } catch {
      return; // the file never got as far as its setup
    }
    const sections = splitByTest(lines);
    const failing = result.testResults.filter((t) => t.status === 'failed');
    // A file that failed outside its tests (a beforeAll, an import) gets its whole log.
    const shown = failing.length ? failing.map((t) => ({ name: t.fullName, lines: sections.get(t.fullName) ?? [] })) : [{ name: 'the whole file', lines }];
    for (const { name, lines: section } of shown) {
      const cut = section.length > MAX_LOG_LINES ? ` (last ${MAX_LOG_LINES} of ${section.length} lines)` : '';
      write(`\n  ${paint('1', `what subsync logged during "${name}"${cut}`)}, all of it in ${path.relative(root, logFile)}`);
      if (section.length === 0) write('    (nothing)');
      for (const line of section.slice(-MAX_LOG_LINES)) write(indent(pretty(line), '    ').trimEnd());
    }
  }
}

/** The log lines of each test, by the marker line that starts its section; lines before the first test are setup. */
function splitByTest(lines) {
  const sections = new Map();
  let current = [];
  for (const line of lines) {
    const name = markerOf(line);
    if (name !== undefined) sections.set(name, (current = []));
    else current.push(line);
  }
  return sections;
}

function markerOf(line) {
  if (!line.includes(`"${TEST_MARK}"`)) return undefined;
  try {
    return JSON.parse(line)[TEST_MARK];
  } catch {
    return undefined;
  }
}

function pretty(line) {
  try {
    JSON.parse(line);
    return prettyLine(line);
  } catch {
    return line; // not a pino line (a child process's output, say): as it is
  }
}

function indent(text, prefix) {
  return text.replace(/^(?=.)/gm, prefix);
}

function write(text) {
  process.stdout.write(`${text}\n`);
}

module.exports = QuietReporter;
