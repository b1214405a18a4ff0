// Lint: correctness rules that tsc does not enforce. The one we care most about is
// no-floating-promises: an unawaited promise in a handler loses its error silently.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.vscode-test*/**', 'bench/**', 'scripts/**', 'test/grammar/**'] },
  {
    files: ['**/*.ts'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        // node:test's describe/it return promises the runner itself awaits.
        { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['describe', 'it', 'test', 'suite', 'before', 'after', 'beforeEach', 'afterEach'] }] },
      ],
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/await-thenable': 'error',
      'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'server/ never imports vscode.' }] }],
    },
  },
  {
    files: ['client/**/*.ts', 'test/editor/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
