/** Tests run in band: they share one Temporal dev server and this machine has two cores. */
module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.[cm]?[tj]s$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } }],
  },
  // content-disposition (under @fastify/static) and cookie (under fastify's inject) ship ESM only,
  // which jest's require() on Node 20 cannot load, and so does json-schema-faker (the OpenAPI agreement
  // test's generator): compile them to CommonJS.
  transformIgnorePatterns: ['/node_modules/(?!(cookie|content-disposition|json-schema-faker)/)'],
  testMatch: ['<rootDir>/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/.data/'],
  globalSetup: '<rootDir>/tests/support/global-setup.ts',
  globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
  // What the system under test logs goes to .data/test-logs/<test file>.log, not the terminal.
  setupFilesAfterEnv: ['<rootDir>/tests/support/log-to-file.ts'],
  testTimeout: 120000,
  // One line per test file, the details (and the subsync log) of a failing one, then one summary line.
  reporters: ['<rootDir>/tests/support/quiet-reporter.js', '<rootDir>/tests/support/summary-reporter.js'],
  // Servers a failed test left running must not keep CI waiting: global-teardown ends the process
  // a few seconds after the run instead of forceExit, which prints a warning on every run.
  openHandlesTimeout: 0,
};
