import fs from 'node:fs';
import path from 'node:path';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { markTest, testLogFile } = require('./test-log-file') as { markTest(file: string, name: string): void; testLogFile(testPath: string): string };

/**
 * Runs before every test file: what the system under test logs (pino, and the Temporal SDK
 * through it) goes to this file's own log instead of the terminal. Each test starts a marked
 * section, so the reporter can show a failing test the lines that belong to it.
 */
const file = testLogFile(expect.getState().testPath!);
fs.mkdirSync(path.dirname(file), { recursive: true });
fs.writeFileSync(file, '');
// Jest gives each test file its own copy of process.env: this reaches only this file's loggers (and its child processes).
process.env.LOG_FILE = file;

beforeEach(() => markTest(file, expect.getState().currentTestName ?? '(unnamed test)'));
