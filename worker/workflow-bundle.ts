import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { bundleWorkflowCode, WorkflowBundleWithSourceMap } from '@temporalio/worker';

/**
 * The workflow code as the worker loads it. Bundling takes seconds and a few hundred MiB while
 * webpack runs, so `npm run build:workflows` (which the bootstrap runs before `npm start`,
 * `npm test` and `npm run bench`, and a container build runs once) writes it to dist/ with a
 * fingerprint of the sources it came from; a worker uses that file when the fingerprint still
 * matches, and bundles in process only when it does not (a source changed since).
 */
const root = path.resolve(__dirname, '..');
export const workflowsPath = path.join(root, 'workflows/index.ts');
export const PREBUILT_BUNDLE = path.join(root, 'dist/workflow-bundle.js');
/** Everything the bundle may contain: the workflows and the pure code they import, and the SDK. */
const SOURCE_DIRS = ['workflows', 'kinds', 'domain'];

export function sourceFingerprint(): string {
  const hash = createHash('sha256');
  const files = SOURCE_DIRS.flatMap((dir) => (fs.readdirSync(path.join(root, dir), { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).map((f) => path.join(dir, f))).sort();
  for (const file of files) hash.update(file).update(fs.readFileSync(path.join(root, file)));
  hash.update(JSON.parse(fs.readFileSync(require.resolve('@temporalio/workflow/package.json'), 'utf8')).version);
  return hash.digest('hex');
}

const fingerprintFile = (bundle: string) => `${bundle}.fingerprint`;

/** The prebuilt bundle's path when it was built from the current sources. */
export function prebuiltBundle(file = PREBUILT_BUNDLE): string | undefined {
  try {
    return fs.readFileSync(fingerprintFile(file), 'utf8').trim() === sourceFingerprint() ? file : undefined;
  } catch {
    return undefined;
  }
}

export function buildWorkflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({ workflowsPath, logger: { log: () => undefined, trace: () => undefined, debug: () => undefined, info: () => undefined, warn: console.warn, error: console.error } });
}

/** Builds the bundle and writes it with its fingerprint (`npm run build:workflows`). */
export async function writeWorkflowBundle(file = PREBUILT_BUNDLE): Promise<string> {
  const fingerprint = sourceFingerprint();
  const { code } = await buildWorkflowBundle();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, code);
  fs.writeFileSync(fingerprintFile(file), fingerprint);
  return file;
}

let inProcess: Promise<WorkflowBundleWithSourceMap> | undefined;

/**
 * SUBSYNC_WORKFLOW_BUNDLE (a test run hands its one bundle to every file), else the prebuilt
 * bundle when current, else one bundled in this process, once.
 */
export function workflowBundle(): Promise<WorkflowBundleWithSourceMap | { codePath: string }> {
  const given = process.env.SUBSYNC_WORKFLOW_BUNDLE ?? prebuiltBundle();
  if (given) return Promise.resolve({ codePath: given });
  inProcess ??= buildWorkflowBundle();
  return inProcess;
}

if (require.main === module) {
  // `npm run build:workflows [-- --force]`: nothing to do when the bundle matches the sources.
  if (prebuiltBundle() && !process.argv.includes('--force')) process.exit(0);
  console.error('subsync: bundling the workflow code...');
  writeWorkflowBundle().then(
    (file) => console.error(`subsync: workflow bundle written to ${path.relative(process.cwd(), file)}`),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
