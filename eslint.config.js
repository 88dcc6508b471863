// Lint: typescript-eslint (typed rules for promises), nx module boundaries (a service never
// imports another service; libraries only import the libraries they are allowed to).
const nx = require('@nx/eslint-plugin');
const tseslint = require('typescript-eslint');

/** Who may import whom. `serviceMay` differs for tests, which may use the simulators as fixtures. */
function boundaries(serviceMay) {
  return [
    'error',
    {
      allow: [],
      enforceBuildableLibDependency: false,
      depConstraints: [
        { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:service', 'type:lib', 'type:simulator'] },
        { sourceTag: 'type:service', onlyDependOnLibsWithTags: serviceMay },
        // a simulator stands alone but for the pieces all simulators share (simulators/common)
        { sourceTag: 'type:simulator', onlyDependOnLibsWithTags: ['scope:sim-common'] },
        { sourceTag: 'scope:sim-common', onlyDependOnLibsWithTags: [] },
        { sourceTag: 'scope:contracts', onlyDependOnLibsWithTags: [] },
        { sourceTag: 'scope:calendar', onlyDependOnLibsWithTags: [] },
        { sourceTag: 'scope:auth', onlyDependOnLibsWithTags: [] },
        { sourceTag: 'scope:testing', onlyDependOnLibsWithTags: ['scope:contracts'] },
        { sourceTag: 'scope:messaging', onlyDependOnLibsWithTags: ['scope:contracts'] },
        { sourceTag: 'scope:platform', onlyDependOnLibsWithTags: ['scope:contracts', 'scope:messaging', 'scope:auth', 'scope:calendar'] },
      ],
    },
  ];
}

module.exports = tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/*.js', '.data/**', 'coverage/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: __dirname } },
    rules: {
      'no-console': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@nx/enforce-module-boundaries': boundaries(['type:lib']),
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', '**/test/**/*.ts', 'e2e/**/*.ts', 'bench/**/*.ts'],
    rules: {
      'no-console': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@nx/enforce-module-boundaries': boundaries(['type:lib', 'type:simulator']),
    },
  },
);
