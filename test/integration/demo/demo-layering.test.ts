import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The demo may use the core, the simulators and the test support; nothing else may use the demo,
// so the shipped station can never start a simulated phone or backend by accident.

const ROOT = path.resolve(__dirname, '../../..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.(ts|tsx|mts)$/.test(name) ? [p] : [];
  });
}

describe('the demo layer', () => {
  it('is imported by no other part of src/', () => {
    const others = ['src/main', 'src/shared', 'src/preload', 'src/renderer', 'src/sim'].flatMap((d) =>
      sources(path.join(ROOT, d)),
    );
    expect(others.length).toBeGreaterThan(50);
    const offenders = others.filter((file) =>
      /(?:from|import\()\s*['"][^'"]*\/demo\/[^'"]*['"]/.test(readFileSync(file, 'utf8')),
    );
    expect(offenders).toEqual([]);
  });

  it('is itself plain Node: it never imports electron or the window side', () => {
    const demo = sources(path.join(ROOT, 'src/demo'));
    expect(demo.length).toBeGreaterThanOrEqual(5);
    for (const file of demo) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toMatch(/from ['"]electron['"]/);
      expect(text, file).not.toMatch(/from ['"][^'"]*\/(renderer|preload|main\/electron)\//);
    }
  });
});
