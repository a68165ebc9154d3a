import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import axios from 'axios';
import type { ReceiverFault } from '../../simulators/webhook-receiver';
import type { Resources } from '../support/resources';

const SCRIPT = path.resolve(__dirname, 'simulators-process.ts');
const START_TIMEOUT_MS = 60_000;

export interface ReceiverFigures {
  received: number;
  deliveries: number;
  duplicates: number;
  refused: number;
  /** When the first and the latest new message arrived (epoch ms). */
  firstAt: number;
  lastAt: number;
}

export interface NotificationSimulators {
  lcUrl: string;
  receiverUrl: string;
  secret: string;
  pid: number;
  generate(events: number): Promise<{ events: number; changes: number }>;
  receiver(): Promise<ReceiverFigures>;
  setReceiverFault(fault: ReceiverFault | undefined): Promise<void>;
  resetReceiver(): Promise<void>;
}

/** License Central and the webhook receiver in their own process (simulators-process.ts). */
export async function startNotificationSimulators(resources: Resources): Promise<NotificationSimulators> {
  const secret = `whsec_${randomBytes(32).toString('base64')}`;
  const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT], { cwd: path.resolve(__dirname, '../..'), env: { ...process.env, BENCH_WEBHOOK_SECRET: secret }, stdio: ['ignore', 'pipe', 'inherit'] });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  resources.add('License Central and webhook receiver process', async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
    process.off('exit', killOnExit);
  });
  const urls = await new Promise<{ lcUrl: string; receiverUrl: string; controlUrl: string }>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error('the simulators did not start in time')), START_TIMEOUT_MS);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split('\n').find((l) => l.startsWith('{'));
      if (line) {
        clearTimeout(timer);
        resolve(JSON.parse(line));
      }
    });
    child.once('exit', (code) => reject(new Error(`the simulators exited (code ${code})`)));
  });
  const control = axios.create({ baseURL: urls.controlUrl, timeout: 300_000 });
  return {
    lcUrl: urls.lcUrl,
    receiverUrl: urls.receiverUrl,
    secret,
    pid: child.pid!,
    generate: async (events) => (await control.post('/generate', { events })).data,
    receiver: async () => (await control.get('/receiver')).data,
    setReceiverFault: async (fault) => void (fault ? await control.post('/receiver/fault', fault) : await control.delete('/receiver/fault')),
    resetReceiver: async () => void (await control.post('/receiver/reset', {})),
  };
}
