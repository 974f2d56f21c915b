import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const engineForbidden = {
  paths: [
    { name: 'react', message: 'The engine is pure: no React.' },
    { name: 'react-dom', message: 'The engine is pure: no React.' },
    { name: '@xyflow/react', message: 'The engine is pure: no React Flow.' },
    { name: 'monaco-editor', message: 'The engine is pure: no Monaco.' },
    { name: 'zustand', message: 'The engine is pure: no store.' },
  ],
  patterns: [{ group: ['node:*', 'fs', 'path', 'os', 'child_process'], message: 'The engine is pure: no Node APIs.' }],
};

export default tseslint.config(
  {
    ignores: ['dist', 'dist-cli', 'node_modules', 'test-results', 'playwright-report', 'bench-results', 'bin'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.browser, ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['src/app/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    files: ['src/engine/**/*.ts'],
    ignores: ['src/engine/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', engineForbidden],
      'no-restricted-globals': ['error', 'window', 'document', 'fetch', 'process', 'setTimeout', 'setInterval'],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'The engine has no clock.' },
        { object: 'Math', property: 'random', message: 'The engine is deterministic: take a seed.' },
      ],
      'no-restricted-syntax': ['error', { selector: 'TSEnumDeclaration', message: 'Use string-literal unions.' }],
    },
  },
  {
    files: ['src/cli/**/*.ts', 'scripts/**/*.{js,mjs,ts}', 'e2e/**/*.ts', 'tests/**/*.ts', '**/*.test.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.{js,mjs}'],
    ...tseslint.configs.disableTypeChecked,
  },
);
