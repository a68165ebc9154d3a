import { Store } from '../../../store/store';

/** Opens the store at argv[2] as a process starting up does, and prints the module files loaded by then (JSON). */
async function main(): Promise<void> {
  const store = await Store.open(process.argv[2]);
  process.stdout.write(JSON.stringify(Object.keys(require.cache)));
  await store.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
