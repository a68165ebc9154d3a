// Runs before `npm start`, `npm test` and `npm run bench`: makes a fresh clone runnable with
// nothing but Node. Installs dependencies when they are missing or stale, and provides the
// Temporal CLI (found on the machine or built once into a cache).
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { ensureTemporalCli } = require('./temporal-cli.cjs');

function dependenciesStale() {
  const installed = path.join(root, 'node_modules', '.package-lock.json');
  const lock = path.join(root, 'package-lock.json');
  if (!fs.existsSync(installed)) return true;
  return fs.existsSync(lock) && fs.statSync(lock).mtimeMs > fs.statSync(installed).mtimeMs;
}

if (dependenciesStale()) {
  // `npm install`, not `npm ci`: the lock file holds the versions, but registries that carry only
  // this platform's optional binaries (swc, resolvers) leave the other platforms' entries out of
  // it, and `npm ci` refuses such a lock while `npm install` installs exactly what it records.
  console.error('subsync: installing dependencies (npm install)...');
  // Errors only: engine and install-script warnings would bury the test run's own output.
  execSync('npm install --no-audit --no-fund --no-progress --loglevel=error', { cwd: root, stdio: 'inherit' });
}

// The workflow bundle, built once per change of the workflow sources: a worker then starts in a
// second and without webpack's memory (worker/workflow-bundle.ts checks whether it is current).
execSync(`"${process.execPath}" --import tsx worker/workflow-bundle.ts`, { cwd: root, stdio: 'inherit' });

// A user pointing at an existing cluster needs no local server for `npm start`; tests always
// use the dev server, so they still need the CLI.
const lifecycle = process.env.npm_lifecycle_event ?? '';
if (process.env.TEMPORAL_ADDRESS && lifecycle === 'prestart') process.exit(0);

try {
  const cli = ensureTemporalCli((m) => console.error(m));
  fs.mkdirSync(path.join(root, '.data'), { recursive: true });
  fs.writeFileSync(path.join(root, '.data', 'temporal-cli-path'), cli);
} catch (err) {
  console.error(`subsync: ${err.message}`);
  process.exit(1);
}
