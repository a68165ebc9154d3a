import { startApi, SubsyncApi } from '../../../api/http';
import { createLogger } from '../../../runtime/logger';
import { MemoryOperations } from './memory-ops';

/** The real API listening on a free port, backed by in-memory operations. */
export async function startTestApi(): Promise<{ url: string; ops: MemoryOperations; app: SubsyncApi }> {
  const ops = new MemoryOperations();
  const { app, url } = await startApi(ops, { port: 0, logger: createLogger({ level: 'silent' }) });
  return { url, ops, app };
}
