// Finds or builds the Temporal CLI (which is also the dev server). Plain CommonJS with only
// Node built-ins, because the bootstrap runs it before any dependency is installed.
'use strict';
const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const TEMPORAL_CLI_VERSION = 'v1.5.1'; // newest whose go.mod builds with `go install` (later ones carry a replace)
const cacheDir = path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'subsync', `temporal-cli-${TEMPORAL_CLI_VERSION}`);
const cachedBinary = path.join(cacheDir, process.platform === 'win32' ? 'temporal.exe' : 'temporal');

function onPath(name) {
  const r = spawnSync(process.platform === 'win32' ? 'where' : 'which', [name], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.split(/\r?\n/)[0].trim() || undefined : undefined;
}

function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** $TEMPORAL_CLI, then `temporal` on PATH, then our cached build. Undefined if none exists yet. */
function findTemporalCli() {
  if (process.env.TEMPORAL_CLI) {
    if (!isExecutable(process.env.TEMPORAL_CLI)) throw new Error(`TEMPORAL_CLI=${process.env.TEMPORAL_CLI} is not an executable file`);
    return process.env.TEMPORAL_CLI;
  }
  return onPath('temporal') || (isExecutable(cachedBinary) ? cachedBinary : undefined);
}

/** Builds the CLI from the Go module proxy into the cache. Takes a few minutes the first time. */
function buildTemporalCli(log = console.error) {
  const go = onPath('go');
  if (!go) {
    throw new Error(
      'The Temporal CLI is needed for the embedded Temporal dev server, and neither it nor Go was found.\n' +
        '  Either install the CLI and put `temporal` on PATH (or set TEMPORAL_CLI=/path/to/temporal),\n' +
        `  or install Go (1.23+) so subsync can build it with: go install github.com/temporalio/cli/cmd/temporal@${TEMPORAL_CLI_VERSION}\n` +
        '  or set TEMPORAL_ADDRESS to use an existing Temporal cluster for `npm start`.',
    );
  }
  fs.mkdirSync(cacheDir, { recursive: true });
  log(`subsync: building the Temporal CLI ${TEMPORAL_CLI_VERSION} with Go into ${cacheDir} (first run only, a few minutes)...`);
  execFileSync(go, ['install', `github.com/temporalio/cli/cmd/temporal@${TEMPORAL_CLI_VERSION}`], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, GOBIN: cacheDir, GOFLAGS: '-mod=mod', CGO_ENABLED: process.env.CGO_ENABLED || '0' },
  });
  if (!isExecutable(cachedBinary)) throw new Error(`go install finished but ${cachedBinary} is missing`);
  return cachedBinary;
}

function ensureTemporalCli(log) {
  return findTemporalCli() || buildTemporalCli(log);
}

module.exports = { TEMPORAL_CLI_VERSION, cachedBinary, findTemporalCli, buildTemporalCli, ensureTemporalCli };
