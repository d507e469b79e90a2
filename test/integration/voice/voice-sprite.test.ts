import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLIP_IDS, type VoiceSprite } from '../../../src/shared/voice/clip-ids';

// "Listening" by measurement: decode the committed OGG with sox and check that every sprite slice
// carries speech and every gap is quiet, then rebuild from scratch and compare bytes, so the
// committed audio is known to come from the committed script.

const ROOT = path.resolve(__dirname, '../../..');
const VOICE_DIR = path.join(ROOT, 'resources', 'voice');
const OGG = path.join(VOICE_DIR, 'voice.ogg');
const sprite = JSON.parse(readFileSync(path.join(VOICE_DIR, 'voice-sprite.json'), 'utf8')) as VoiceSprite;

function measure(startMs: number, durationMs: number): { rms: number; seconds: number } {
  const result = spawnSync('sox', [OGG, '-n', 'trim', `${startMs / 1000}`, `${durationMs / 1000}`, 'stat'], {
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`sox stat failed: ${result.stderr}`);
  // sox prints `stat` on stderr.
  const rms = Number(/RMS\s+amplitude:\s+([\d.]+)/.exec(result.stderr)?.[1]);
  const seconds = Number(/Length \(seconds\):\s+([\d.]+)/.exec(result.stderr)?.[1]);
  return { rms, seconds };
}

describe('voice sprite audio', () => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'voice-sprite-test-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('has speech in every clip slice', () => {
    const quiet = CLIP_IDS.map((id) => ({ id, ...measure(sprite[id][0], sprite[id][1]) })).filter(
      (m) => !(m.rms > 0.04) || Math.abs(m.seconds * 1000 - sprite[m.id][1]) > 5,
    );
    expect(quiet).toEqual([]);
  });

  it('is quiet in the gaps between clips', () => {
    const loud = CLIP_IDS.slice(1).flatMap((id, i) => {
      const [prevStart, prevDuration] = sprite[CLIP_IDS[i]];
      const gapStart = prevStart + prevDuration + 10;
      const gap = sprite[id][0] - gapStart - 10;
      const { rms } = measure(gapStart, gap);
      return rms < 0.01 ? [] : [`${CLIP_IDS[i]}→${id}: rms ${rms}`];
    });
    expect(loud).toEqual([]);
  });

  it('is reproduced byte for byte by npm run voice:build', () => {
    execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'voice-build.mjs')], {
      env: { ...process.env, VOICE_OUT_DIR: scratch },
      stdio: 'pipe',
    });
    for (const file of ['voice.ogg', 'voice-sprite.json']) {
      const same = readFileSync(path.join(scratch, file)).equals(readFileSync(path.join(VOICE_DIR, file)));
      expect(
        same,
        `resources/voice/${file} differs from a fresh build: run npm run voice:build and commit`,
      ).toBe(true);
    }
  });

  it('fails with the install command when espeak-ng or sox is missing', () => {
    const result = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'voice-build.mjs')], {
      env: { ...process.env, PATH: path.join(scratch, 'no-tools-here'), VOICE_OUT_DIR: scratch },
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('voice:build failed [VOICE_TOOL_MISSING]');
    expect(result.stderr).toContain('apt-get install -y espeak-ng sox libsox-fmt-all');
  });
});
