// @ts-check
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

/** Every Node built-in, with and without the `node:` prefix. */
const nodeBuiltins = builtinModules.flatMap((m) => (m.startsWith('node:') ? [m] : [m, `node:${m}`]));

const noElectron = {
  name: 'electron',
  message:
    'The core, shared, simulator and renderer layers never import electron: put Electron code in src/main/electron/.',
};

/** What every core file may not import: Electron, the window side, the simulators. */
const coreBans = [
  {
    group: ['**/main/electron/**', '**/electron/*'],
    message: 'The core must not depend on the Electron layer.',
  },
  { group: ['**/renderer/**', '**/preload/**'], message: 'The core must not depend on the window side.' },
  {
    group: ['**/sim/**'],
    message: 'Simulators are test and demo support; the core must not depend on them.',
  },
];

/**
 * The core's folders and the core folders each may import. A folder appears only after all it
 * imports, so the table reads bottom-up like the picture in docs/ARCHITECTURE.md.
 */
export const CORE_LAYERS = {
  util: [],
  adb: ['util'],
  auth: ['util'],
  phone: ['util'],
  logging: ['util'],
  config: ['util'],
  storage: ['util'],
  printing: ['util'],
  devices: ['adb', 'util'],
  orders: ['storage', 'util'],
  settings: ['phone', 'storage', 'util'],
  payments: ['devices', 'phone', 'settings', 'storage', 'util'],
  care: ['devices', 'payments', 'storage', 'util'],
  fleet: ['auth', 'devices', 'orders', 'payments', 'storage', 'util'],
  callbacks: ['auth', 'payments', 'storage', 'util'],
  http: ['auth', 'care', 'devices', 'orders', 'payments', 'settings', 'storage', 'util'],
  bridge: ['care', 'callbacks', 'devices', 'logging', 'orders', 'payments', 'settings', 'storage', 'util'],
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'resources/**', 'test-output/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { ecmaVersion: 2023, sourceType: 'module' } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // Layering. Each block replaces no-restricted-imports for its files, so each lists all of its bans.
  {
    files: ['src/sim/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            {
              group: ['**/main/electron/**', '**/electron/*'],
              message: 'The core must not depend on the Electron layer.',
            },
            {
              group: ['**/renderer/**', '**/preload/**'],
              message: 'The core must not depend on the window side.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/main/core/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noElectron], patterns: coreBans }] },
  },
  // Layering inside the core: each folder imports only the folders below it (docs/ARCHITECTURE.md
  // draws the same picture). create-core.ts, at the core's root, wires them all.
  ...Object.entries(CORE_LAYERS).map(([folder, allowed]) => ({
    files: [`src/main/core/${folder}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            ...coreBans,
            ...Object.keys(CORE_LAYERS)
              .filter((other) => other !== folder && !allowed.includes(other))
              .map((other) => ({
                regex: `^(\\.\\./){1,2}${other}/`,
                message: `core/${folder} may import only ${allowed.length ? allowed.map((a) => `core/${a}`).join(', ') : 'no other core folder'} (the layers in docs/ARCHITECTURE.md); core/${other} sits above it or beside it.`,
              })),
          ],
        },
      ],
    },
  })),
  {
    files: ['src/shared/**/*.{ts,tsx}', 'src/renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            noElectron,
            ...nodeBuiltins.map((name) => ({
              name,
              message:
                'Node modules are not available here: shared and renderer code runs in the browser too.',
            })),
          ],
          patterns: [
            {
              group: ['node:*'],
              message:
                'Node modules are not available here: shared and renderer code runs in the browser too.',
            },
            {
              group: ['**/main/**', '**/preload/**', '**/sim/**'],
              message: 'The renderer and shared code reach the core only through the bridge contract.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['**/*.mjs', 'scripts/**/*'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly' },
    },
  },
);
