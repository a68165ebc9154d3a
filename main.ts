import { ensureDemoCredential } from './api/auth/demo';
import { ConfigError, loadConfig } from './config/load';
import { RunningSubsync, startSubsync } from './runtime/app';
import { tuneHeap } from './runtime/heap';
import { createLogger } from './runtime/logger';
import { checkRole, RoleError, roleFromEnv } from './runtime/roles';
import { SHUTDOWN_FORCE_AFTER_GRACE_MS } from './worker/worker';

/** Past the worker's grace and force times, the process ends whatever still runs. */
const EXIT_DEADLINE_AFTER_FORCE_MS = 5_000;

/** `npm start`: the whole stack on the embedded defaults (or what config/env say). */
async function main(): Promise<void> {
  let config;
  let role;
  try {
    config = loadConfig();
    // One process runs everything by default; SUBSYNC_ROLE=worker or =api splits them for production.
    role = roleFromEnv(process.env);
    checkRole(role, config);
  } catch (err) {
    if (err instanceof ConfigError || err instanceof RoleError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const logger = createLogger({ level: config.log.level, format: config.log.format });
  // Before the worker's load, and before its workflow threads start (they take the flags at their start).
  if (role !== 'api') tuneHeap({ growingPercent: config.worker.heapGrowingPercent, maxSemiSpaceMiB: config.worker.maxSemiSpaceMiB });

  // Registered before anything starts: a stop during start-up must end the process too.
  let app: RunningSubsync | undefined;
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, graceMs: config.worker.shutdownGraceMs }, 'shutting down: the worker drains, then the process exits');
    const deadlineMs = config.worker.shutdownGraceMs + SHUTDOWN_FORCE_AFTER_GRACE_MS + EXIT_DEADLINE_AFTER_FORCE_MS;
    setTimeout(() => {
      logger.error({ deadlineMs }, 'shutdown did not finish in time; exiting anyway (Temporal retries what was in flight)');
      process.exit(1);
    }, deadlineMs).unref();
    (app?.stop() ?? Promise.resolve()).then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));

  app = await startSubsync(config, { logger, worker: role !== 'api', api: role !== 'worker', watchers: role !== 'api', schedules: role !== 'api' });
  if (stopping) {
    await app.stop();
    process.exit(0);
  }
  // The demo stack only: a production config (no simulators) never gets a credential it did not create itself.
  const demo = app.apiUrl && config.api.auth.demoCredential && config.simulators.enabled ? await ensureDemoCredential(app.credentials, config.api.auth.demoKeyFile) : undefined;
  const lines = [
    '',
    `subsync is running (${role === 'all' ? 'worker, API, watchers' : role})`,
    app.apiUrl ? `  HTTP API        ${app.apiUrl}   (OpenAPI: ${app.apiUrl}/openapi.json, docs: ${app.apiUrl}/docs)` : '',
    `  Metrics         ${app.metricsUrl}   (Prometheus text: subsync_* and the Temporal SDK's temporal_*)`,
    `  Temporal        ${app.temporalAddress}   namespace ${config.temporal.namespace}, task queue ${config.temporal.taskQueue}`,
    app.uiUrl ? `  Temporal Web UI ${app.uiUrl}/namespaces/${config.temporal.namespace}/workflows` : '',
    app.simulators ? `  Simulators      admin ${app.simulators.adminUrl}/simulators` : '',
    ...Object.entries(app.simulators?.urls ?? {}).map(([name, url]) => `                  ${name.padEnd(15)} ${url}`),
    demo?.key ? `  API key         ${demo.key}   (admin credential "demo"${demo.created ? ', created now' : ''}; also in ${demo.keyFile})` : '',
    demo?.note ? `  API key         ${demo.note}` : '',
    !app.apiUrl ? '' : demo?.key ? `  CLI             export SUBSYNC_API_KEY=$(cat ${demo.keyFile}); bin/subsync status lanbilling 100 --api ${app.apiUrl}` : `  CLI             bin/subsync status lanbilling 100 --api ${app.apiUrl}`,
    '',
  ];
  console.log(lines.filter((l) => l !== '').join('\n'));
  if (app.simulators && role !== 'api') {
    // The simulators start afresh on every run while Temporal and the store keep theirs: repair
    // the platforms from billing, as an operator would after restoring a platform from backup.
    for (const billing of Object.keys(config.billing)) {
      app.service.reconcile({ billing, repair: true }).catch((err) => logger.warn({ err, billing }, 'start-up reconcile failed'));
    }
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
