import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describeStoreBehaviour } from '../tests/store/store-behaviour';

// SQLite is the default store: a file in a temp dir. The same suite runs on PostgreSQL in
// tests/store/store-postgres.test.ts.
describeStoreBehaviour(
  'SQLite',
  async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'subsync-store-'));
    return {
      url: `sqlite:${path.join(dir, 'db.sqlite')}`,
      stop: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  },
  // knex's SQLite dialect leaves text primary keys nullable and stores decimal as float, which
  // MikroORM's diff reports against the entities (not null, numeric(14,2)).
  { schemaMatchesEntities: false },
);
