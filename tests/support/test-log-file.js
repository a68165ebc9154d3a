// Shared by the per-file log setup (log-to-file.ts) and the reporter (quiet-reporter.js), which
// jest loads without compiling: plain CommonJS.
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '../..');

/** Where the system under test logs while one test file runs: .data/test-logs/<the file's path>.log */
function testLogFile(testPath) {
  return path.join(root, '.data', 'test-logs', `${path.relative(root, testPath)}.log`);
}

/** The field a marker line carries: the name of the test whose log lines follow it. */
const TEST_MARK = 'subsyncTest';

/** Writes the line that starts a test's section of the log (a pino-shaped JSON line). */
function markTest(file, testName) {
  fs.appendFileSync(file, `${JSON.stringify({ level: 30, time: Date.now(), msg: `── test: ${testName}`, [TEST_MARK]: testName })}\n`);
}

module.exports = { root, testLogFile, TEST_MARK, markTest };
