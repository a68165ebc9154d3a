// @ts-check
/**
 * Preloaded (`node --import`) into a subsync process a test starts: answers the `modules` message
 * on the IPC channel with every module file the process has loaded (Node's CommonJS cache, which
 * tsx's .ts files and the npm packages go through).
 */
if (process.send) {
  process.channel?.unref();
  process.on('message', (message) => {
    if (message === 'modules') process.send?.({ modules: Object.keys(require.cache) });
  });
}
