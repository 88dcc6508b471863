// `npm run test:e2e`: the platform as separate processes against real PostgreSQL and RabbitMQ.
const preset = require('./jest.preset');
module.exports = { ...preset, testMatch: ['<rootDir>/e2e/**/*.e2e-spec.ts'], testTimeout: 600000, maxWorkers: 1 };
