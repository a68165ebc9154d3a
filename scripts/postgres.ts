// Starts a throwaway PostgreSQL server the way the tests do (see tests/support/postgres.ts) and
// prints its URL, to try subsync on PostgreSQL with nothing installed by hand:
//   npx tsx scripts/postgres.ts          # prints DATABASE_URL=postgres://…; Ctrl-C stops it
//   DATABASE_URL=<that url> npm start
// The server and its data are gone when this stops.
import { startPostgres } from '../tests/support/postgres';

async function main(): Promise<void> {
  const server = await startPostgres();
  console.log(`DATABASE_URL=${server.url}`);
  console.error('PostgreSQL is running; Ctrl-C stops it and deletes its data.');
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    server.stop().then(
      () => process.exit(0),
      (err) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
