// Finds or builds the full Temporal server and its SQL schema tool, for the deployment test and
// `npm run chaos -- --temporal server` (deploy/README of the project README, "Deploying it").
// Plain CommonJS with only Node built-ins, like temporal-cli.cjs beside it.
'use strict';
const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const TEMPORAL_SERVER_VERSION = 'v1.29.1';
const MODULE = 'go.temporal.io/server';
const cacheDir = path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'subsync', `temporal-server-${TEMPORAL_SERVER_VERSION}`);

/** What a server install is: the two binaries and the server's versioned PostgreSQL schema. */
function layout(dir) {
  return {
    dir,
    server: path.join(dir, 'temporal-server'),
    sqlTool: path.join(dir, 'temporal-sql-tool'),
    schema: path.join(dir, 'schema', 'postgresql', 'v12'),
  };
}

function complete(l) {
  const executable = (f) => {
    try {
      fs.accessSync(f, fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  };
  return executable(l.server) && executable(l.sqlTool) && fs.existsSync(path.join(l.schema, 'temporal', 'versioned')) && fs.existsSync(path.join(l.schema, 'visibility', 'versioned'));
}

/** $TEMPORAL_SERVER_DIR (a directory laid out as the cache), then the cache. Undefined when neither is complete. */
function findTemporalServer() {
  if (process.env.TEMPORAL_SERVER_DIR) {
    const l = layout(process.env.TEMPORAL_SERVER_DIR);
    if (!complete(l)) throw new Error(`TEMPORAL_SERVER_DIR=${process.env.TEMPORAL_SERVER_DIR} must hold temporal-server, temporal-sql-tool and schema/postgresql/v12/{temporal,visibility}/versioned`);
    return l;
  }
  const l = layout(cacheDir);
  return complete(l) ? l : undefined;
}

/**
 * Builds the server and the SQL tool with `go install` from the Go module proxy into the cache and
 * copies the server module's own PostgreSQL schema beside them. About 4 minutes on 2 cores the
 * first time (faster when the Temporal CLI's build left the module in Go's cache).
 */
function buildTemporalServer(log = console.error) {
  const go = spawnSync(process.platform === 'win32' ? 'where' : 'which', ['go'], { encoding: 'utf8' }).stdout?.split(/\r?\n/)[0]?.trim();
  if (!go) {
    throw new Error(
      'The full Temporal server is built with Go, which was not found.\n' +
        `  Install Go (1.23+), or build it elsewhere: GOBIN=<dir> go install ${MODULE}/cmd/server@${TEMPORAL_SERVER_VERSION} ${MODULE}/cmd/tools/sql@${TEMPORAL_SERVER_VERSION}\n` +
        '  and point TEMPORAL_SERVER_DIR at a directory with temporal-server, temporal-sql-tool and schema/postgresql/v12 from the server module.',
    );
  }
  const l = layout(cacheDir);
  const bin = path.join(cacheDir, 'bin');
  fs.mkdirSync(bin, { recursive: true });
  log(`subsync: building the Temporal server ${TEMPORAL_SERVER_VERSION} and its SQL tool with Go into ${cacheDir} (first run only, a few minutes)...`);
  const started = Date.now();
  const env = { ...process.env, GOBIN: bin, GOFLAGS: '-mod=mod', CGO_ENABLED: process.env.CGO_ENABLED || '0' };
  execFileSync(go, ['install', `${MODULE}/cmd/server@${TEMPORAL_SERVER_VERSION}`, `${MODULE}/cmd/tools/sql@${TEMPORAL_SERVER_VERSION}`], { stdio: ['ignore', 'inherit', 'inherit'], env });
  fs.renameSync(path.join(bin, 'server'), l.server);
  fs.renameSync(path.join(bin, 'sql'), l.sqlTool);
  fs.rmSync(bin, { recursive: true, force: true });
  // The versioned schema ships in the server module; `go install` left it in the module cache.
  const modCache = execFileSync(go, ['env', 'GOMODCACHE'], { encoding: 'utf8', env }).trim();
  const source = path.join(modCache, `${MODULE}@${TEMPORAL_SERVER_VERSION}`, 'schema', 'postgresql', 'v12');
  fs.cpSync(source, l.schema, { recursive: true });
  // Module cache files are read-only; the copies need not be.
  for (const f of fs.readdirSync(l.schema, { recursive: true })) fs.chmodSync(path.join(l.schema, f), fs.statSync(path.join(l.schema, f)).isDirectory() ? 0o755 : 0o644);
  log(`subsync: Temporal server built in ${Math.round((Date.now() - started) / 1000)} s`);
  if (!complete(l)) throw new Error(`go install finished but ${cacheDir} is incomplete`);
  return l;
}

function ensureTemporalServer(log) {
  return findTemporalServer() || buildTemporalServer(log);
}

module.exports = { TEMPORAL_SERVER_VERSION, cacheDir, findTemporalServer, buildTemporalServer, ensureTemporalServer };

// `node scripts/temporal-server.cjs`: build (or find) it and print where it is.
if (require.main === module) {
  const l = ensureTemporalServer();
  console.log(JSON.stringify(l, null, 2));
}
