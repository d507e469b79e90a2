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
  ])('rejects the import in %s', async (file, code) => {
    expect(await restrictedImportErrors(file, code)).not.toEqual([]);
  });

  it.each([
    ['src/main/electron/x.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['src/preload/x.ts', "import { contextBridge } from 'electron';\nexport const a = contextBridge;\n"],
    ['src/main/core/x.ts', "import net from 'node:net';\nexport const a = net;\n"],
  ])('allows the import in %s', async (file, code) => {
    expect(await restrictedImportErrors(file, code)).toEqual([]);
  });
});
