import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UI_TEXTS_EN } from '../../../../src/shared/i18n/ui-texts-en';
import { UI_TEXTS_ZH } from '../../../../src/shared/i18n/ui-texts-zh';

const RENDERER = resolve(__dirname, '../../../../src/renderer/src');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'voice' ? [] : sources(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

function lookup(texts: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], texts);
}

function leaves(texts: unknown, prefix = ''): string[] {
  return Object.entries(texts as Record<string, unknown>).flatMap(([k, v]) =>
    typeof v === 'string' ? [`${prefix}${k}`] : leaves(v, `${prefix}${k}.`),
  );
}

describe('UI texts', () => {
  const files = sources(RENDERER);

  it('has every key the components use, in both languages', () => {
    const used = new Set<string>();
    for (const file of files) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([A-Za-z0-9_.-]+)'/g)) used.add(m[1]);
    }
    expect(used.size).toBeGreaterThan(100);
    for (const key of used) {
      expect(typeof lookup(UI_TEXTS_ZH, key), `zh ${key}`).toBe('string');
      expect(typeof lookup(UI_TEXTS_EN, key), `en ${key}`).toBe('string');
    }
  });

  it('keeps the two languages in step, placeholders included', () => {
    expect(leaves(UI_TEXTS_EN).sort()).toEqual(leaves(UI_TEXTS_ZH).sort());
    for (const key of leaves(UI_TEXTS_ZH)) {
      const names = (text: unknown) => [...String(text).matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(names(lookup(UI_TEXTS_EN, key)), key).toEqual(names(lookup(UI_TEXTS_ZH, key)));
    }
  });

  it('has no Chinese text written into a component', () => {
    for (const file of files) {
      const code = readFileSync(file, 'utf8').replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '');
      // CJK ideographs and full-width punctuation alike.
      expect(/[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/.test(code), file).toBe(false);
    }
  });
});
