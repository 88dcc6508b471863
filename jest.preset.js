// Shared jest settings: TypeScript through ts-jest (transpile only; `npm run typecheck` checks types),
// workspace libraries mapped to their sources so tests never need a build.
const path = require('path');
const root = __dirname;
module.exports = {
  rootDir: root,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: path.join(root, 'tsconfig.spec.json') }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: {
    '^@motcua/(contracts|messaging|platform|auth|calendar|testing)$': '<rootDir>/libs/shared/$1/src/index.ts',
    '^@motcua/sim-(common|vnpost|sms-gateway|zalo-zns|national-portal|population-data)$': '<rootDir>/simulators/$1/src/index.ts',
    '^@motcua/(intake|routing|postal-delivery|notification|reporting)$': '<rootDir>/services/$1/src/index.ts',
  },
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
};
