import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The layering rule is what keeps every line of logic runnable under plain Node. Check that the
// lint config really rejects the imports it promises to, at error level.

const eslint = new ESLint({ cwd: path.resolve(__dirname, '../..') });

async function restrictedImportErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.resolve(__dirname, '../..', file) });
  return result.messages
    .filter((m) => m.ruleId === 'no-restricted-imports' && m.severity === 2)
    .map((m) => m.message);
}

describe('layering lint rule', () => {
  it.each([
    ['src/main/core/payments/x.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    [
      'src/main/core/x.ts',
      "import { createMainWindow } from '../electron/main-window';\nexport const a = createMainWindow;\n",
    ],
    [
      'src/main/core/x.ts',
      "import { createPhoneAppSimulator } from '../../sim/phone-app-simulator';\nexport const a = createPhoneAppSimulator;\n",
    ],
    ['src/shared/x.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n"],
    ['src/shared/x.ts', "import net from 'net';\nexport const a = net;\n"],
    ['src/renderer/src/x.ts', "import { ipcRenderer } from 'electron';\nexport const a = ipcRenderer;\n"],
    ['src/renderer/src/x.ts', "import path from 'path';\nexport const a = path;\n"],
    ['src/sim/x.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    // Inside the core, a folder imports only the folders below it.
    [
      'src/main/core/storage/x.ts',
      "import type { Payment } from '../payments/payment-types';\nexport type A = Payment;\n",
    ],
    [
      'src/main/core/payments/x.ts',
      "import { writeCallbacksOnFinal } from '../callbacks/callback-event';\nexport const a = writeCallbacksOnFinal;\n",
    ],
    [
      'src/main/core/http/routes/x.ts',
      "import type { BridgeCore } from '../../bridge/bridge-core';\nexport type A = BridgeCore;\n",
    ],
    [
      'src/main/core/util/x.ts',
      "import type { Storage } from '../storage/storage';\nexport type A = Storage;\n",
    ],
  ])('rejects the import in %s', async (file, code) => {
    expect(await restrictedImportErrors(file, code)).not.toEqual([]);
  });

  it.each([
    ['src/main/electron/x.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['src/preload/x.ts', "import { contextBridge } from 'electron';\nexport const a = contextBridge;\n"],
    ['src/main/core/x.ts', "import net from 'node:net';\nexport const a = net;\n"],
    [
      'src/main/core/payments/x.ts',
      "import type { Storage } from '../storage/storage';\nexport type A = Storage;\n",
    ],
    [
      'src/main/core/callbacks/x.ts',
      "import type { Payment } from '../payments/payment-types';\nexport type A = Payment;\n",
    ],
    [
      'src/main/core/http/routes/x.ts',
      "import type { FinalWaiters } from '../../payments/final-waiters';\nexport type A = FinalWaiters;\n",
    ],
    [
      'src/main/core/create-core.ts',
      "import { createCallbackSender } from './callbacks/callback-sender';\nexport const a = createCallbackSender;\n",
    ],
    [
      'src/main/core/payments/x.ts',
      "import { isFinal } from '../../../shared/domain/payment-status';\nexport const a = isFinal;\n",
    ],
  ])('allows the import in %s', async (file, code) => {
    expect(await restrictedImportErrors(file, code)).toEqual([]);
  });
});

describe('layering inside the core', () => {
  it('is the picture in docs/ARCHITECTURE.md, folder by folder', async () => {
    // A path held in a variable, so TypeScript does not look for types of the config file.
    const config = '../../eslint.config.mjs';
    const { CORE_LAYERS } = (await import(config)) as { CORE_LAYERS: Record<string, string[]> };
    const doc = readFileSync(path.resolve(__dirname, '../../docs/ARCHITECTURE.md'), 'utf8');
    const drawn: Record<string, string[]> = { util: [] };
    for (const m of doc.matchAll(/^ │ {3}((?:[a-z]+\/ )+) *─► (.*?) +│$/gm)) {
      const targets = m[2] === 'util/ only' ? ['util'] : m[2].split(' ').map((t) => t.replace('/', ''));
      for (const folder of m[1].trim().split(' ')) {
        drawn[folder.replace('/', '')] = [...targets, ...(targets.includes('util') ? [] : ['util'])].sort();
      }
    }
    const table = Object.fromEntries(Object.entries(CORE_LAYERS).map(([k, v]) => [k, [...v].sort()]));
    expect(drawn).toEqual(table);
    // Every folder of the core is in the table.
    const folders = readdirSync(path.resolve(__dirname, '../../src/main/core'), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
    expect(Object.keys(CORE_LAYERS).sort()).toEqual(folders);
  });
});
