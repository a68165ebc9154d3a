/**
 * The node flags every production start command passes (deploy/Procfile, deploy/systemd,
 * deploy/Containerfile; deploy/production.test.ts checks they agree, and the bench starts its
 * measured worker processes with them, so what is measured is what ships).
 *
 * `--max-semi-space-size=4`: V8 lets the main isolate's two young-generation semi-spaces grow to
 * 16 MiB each, and start-up (LANBilling's 1 MB WSDL, the config schemas) grows them that far; they
 * then stay committed with nothing alive in them. 4 MiB each took an idle worker from 239–250 MiB
 * to about 235 MiB and its peak from 337–356 to 324 MiB, at no CPU per command the bench could tell
 * apart (bench/README.md, scenario worker). The main isolate reads the flag only when the process
 * starts, so runtime/heap.ts cannot set it for the main thread (it does for the workflow threads).
 */
export const PRODUCTION_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=4'];
