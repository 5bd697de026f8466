// @ts-check
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { importX } from 'eslint-plugin-import-x';
import pluginVue from 'eslint-plugin-vue';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Node's built-in modules, with and without the `node:` prefix. */
const NODE_BUILTINS = `^(node:.*|(${builtinModules.join('|')})(/.*)?)$`;

/** Boundary: code that must not reach Node, Electron or the UI (see ARCHITECTURE.md). */
const coreBoundary = {
  patterns: [
    { regex: NODE_BUILTINS, message: 'core/ is runtime-neutral: put Node code in a `*.node.ts` adapter.' },
    { regex: '^(electron|vue|pinia)(/.*)?$', message: 'core/ imports nothing from Electron or Vue.' },
    {
      regex: '^(\\.\\./)+(electron|renderer|bin|bench|tests)(/|$)',
      message: 'core/ must not depend on the app, the CLI, benchmarks or tests.',
    },
  ],
};

export default tseslint.config(
  {
    // core/math/wasm/assembly is AssemblyScript (asc), not TypeScript.
    ignores: ['node_modules/', 'out/', 'dist/', 'coverage/', '.vitest/', '**/*.tsbuildinfo', 'core/math/wasm/assembly/'],
  },

  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],

  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      // Also used when import-x parses a .vue file to follow its imports.
      parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'] },
    },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [
        createTypeScriptImportResolver({
          alwaysTryTypes: true,
          project: 'tsconfig.json',
        }),
      ],
      'import-x/extensions': ['.ts', '.mts', '.js', '.mjs', '.vue'],
      // Cycles are looked for in our code only; never parse dependencies.
      'import-x/ignore': ['node_modules'],
      'import-x/parsers': {
        'vue-eslint-parser': ['.vue'],
        '@typescript-eslint/parser': ['.ts', '.mts', '.js', '.mjs'],
      },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-self-import': 'error',
    },
  },

  // Vue single-file components: TypeScript inside <script setup lang="ts">.
  {
    files: ['**/*.vue'],
    languageOptions: {
      parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'], sourceType: 'module' },
    },
  },

  // Ambient declarations of globals need `declare var`.
  {
    files: ['**/*.d.ts'],
    rules: { 'no-var': 'off' },
  },

  // Runtimes.
  {
    files: ['electron/**', 'bin/**', 'bench/**', 'tests/**', 'tools/**', 'build/scripts/**', 'core/math/wasm/build.mjs', '*.config.{js,ts}', 'renderer/vite*.ts'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['renderer/src/**'],
    languageOptions: { globals: { ...globals.browser } },
  },

  // Boundaries between process kinds.
  {
    files: ['core/**/*.ts'],
    ignores: ['core/**/*.node.ts', 'core/**/node/**'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', coreBoundary] },
  },
  {
    files: ['renderer/src/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: NODE_BUILTINS, message: 'The renderer is a sandboxed web page: no Node.' },
            { regex: '^electron(/.*)?$', message: 'The renderer is a sandboxed web page: use the StudioHost.' },
            {
              regex: '^(\\.\\./)+electron/(?!ipc/contract$)',
              message: 'The renderer may import only the IPC contract from electron/.',
            },
            {
              regex: '^(\\.\\./)+electron/ipc/contract$',
              allowTypeImports: true,
              message: 'Import the IPC contract with `import type`; only window.studio crosses into main.',
            },
          ],
        },
      ],
    },
  },
  {
    // Pure, Electron-free logic so it can be tested in plain Node.
    files: ['electron/services/**', 'electron/ipc/**'],
    ignores: ['electron/ipc/register.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'Keep services and IPC logic Electron-free; wire them in main.ts.' }] },
      ],
    },
  },

  // Tests: no focused tests committed.
  {
    files: ['tests/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'describe', property: 'only', message: 'Remove .only before committing.' },
        { object: 'it', property: 'only', message: 'Remove .only before committing.' },
        { object: 'test', property: 'only', message: 'Remove .only before committing.' },
      ],
    },
  },
);
