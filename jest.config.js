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
  testTimeout: 120000,
  reporters: ['default', '<rootDir>/tests/support/summary-reporter.js'],
  // A server a failed test left running must not keep CI waiting for 90 minutes.
  forceExit: true,
};
