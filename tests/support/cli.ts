import { execFile } from 'node:child_process';
import path from 'node:path';

/** bin/subsync as billing hook scripts and operators run it: a child process, from another directory. */
const bin = path.resolve(__dirname, '../../bin/subsync');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function runSubsync(apiUrl: string, args: string[]): Promise<CliRun> {
  const { SUBSYNC_API_URL: _ignored, ...env } = process.env;
  return new Promise((resolve) => {
    execFile(bin, [...args, '--api', apiUrl], { cwd: '/', env, timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: unknown }).code ?? 1) : 0, stdout, stderr });
    });
  });
}
