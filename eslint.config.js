// Lint: typescript-eslint's recommended rules, zero warnings allowed (npm test runs with --max-warnings 0).
// The import-direction rule holds DESIGN.md's architecture: src never imports cli or web.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'dist-web/**', 'bench/results/**', 'coverage/**', '**/*.min.js', 'report-out/**', 'web/public/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/cli/**', '../../cli/*', '**/web/**'], message: 'src/ is the library: it must not import cli/ or web/ (DESIGN.md).' },
          { group: ['node:*', 'fs', 'path', 'os', 'child_process', 'worker_threads'], message: 'src/ runs in the browser too: no Node APIs (DESIGN.md).' },
        ],
      }],
    },
  },
);
