// `npm test`: unit (*.spec.ts) and integration (*.int-spec.ts, real PostgreSQL and RabbitMQ) tests.
const preset = require('./jest.preset');
module.exports = {
  ...preset,
  testMatch: ['<rootDir>/{libs,services,apps,simulators,tools}/**/*.{spec,int-spec}.ts'],
  testTimeout: 30000,
  maxWorkers: 2,
};
