import type { DevServer } from '../../runtime/dev-server';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __subsyncDevServer?: DevServer }).__subsyncDevServer?.stop();
}
