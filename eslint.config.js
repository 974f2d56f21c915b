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

/**
 * The engine's rooms and the arrows between them (README "The layout shows the architecture"):
 * a room may import only the rooms listed for it (plus the shared files at the engine's top:
 * types, refs, diagnostics, cni-plugins). `testing/` holds test builders and is for tests only.
 */
const ENGINE_ROOMS = ['manifest', 'cluster', 'match', 'routing', 'gateway', 'policy', 'trace', 'graph', 'testing'];
const ENGINE_ARROWS = {
  match: [],
  manifest: ['match'],
  cluster: ['manifest', 'match'],
  routing: ['cluster', 'match'],
  gateway: ['routing', 'cluster', 'match'],
  policy: ['cluster', 'match'],
  graph: ['cluster', 'match'],
  trace: ['routing', 'gateway', 'policy', 'cluster', 'match'],
};

/** A relative import into another room, from a file one or two folders inside the engine. */
function roomPattern(room) {
  return { regex: `^(\\.\\./)+${room}(/|$)`, message: `Against the engine's arrows: this room may not import ${room}/.` };
}

const engineRoomConfigs = Object.entries(ENGINE_ARROWS).map(([room, allowed]) => ({
  files: [`src/engine/${room}/**/*.ts`],
  ignores: ['src/engine/**/*.test.ts'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        paths: engineForbidden.paths,
        patterns: [
          ...engineForbidden.patterns,
          ...ENGINE_ROOMS.filter((r) => r !== room && !allowed.includes(r)).map(roomPattern),
          { regex: '^(\\.\\./)+(simulate|index)$', message: 'Rooms do not import the façade: it imports them.' },
        ],
      },
    ],
  },
}));

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
  ...engineRoomConfigs,
  {
    // src/engine/index.ts is the one door into the engine for everything outside it.
    files: ['src/app/**/*.{ts,tsx}', 'src/cli/**/*.ts', 'src/engine-client/**/*.ts', 'tests/**/*.ts', 'e2e/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '(^|/)engine/.+', message: "Import the engine through its one door, src/engine/index.ts ('…/engine')." }] },
      ],
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
