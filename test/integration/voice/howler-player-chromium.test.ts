import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../support/chromium';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClipId } from '../../../src/shared/voice/clip-ids';
import { parseVoiceSprite } from '../../../src/shared/voice/voice-sprite';
import type { AnnouncerLogEntry } from '../../../src/shared/voice/announcer-types';

// The howler adapter in real headless Chromium (Web Audio, the committed OGG sprite): load, play
// and end must fire in order and take the clips' real time. The page is bundled with vite, served
// from a throwaway HTTP server, and driven with playwright-core; no browser is downloaded.

const ROOT = path.resolve(__dirname, '../../..');
const sprite = parseVoiceSprite(
  JSON.parse(readFileSync(path.join(ROOT, 'resources/voice/voice-sprite.json'), 'utf8')),
);

/** What `howler-page.browser.ts` reports; repeated here because that file is typechecked as web code. */
interface PlayReport {
  events: (
    { type: 'load' | 'stop' } | { type: 'play' | 'end'; clip: ClipId } | { type: 'error'; code: string }
  )[];
  loadState: string;
  elapsedMs: number;
  error: { name: string; code: string } | null;
}

interface VoicePage {
  playSequence(src: string, clips: ClipId[], stopAfterMs?: number): Promise<PlayReport>;
  announcePayment(src: string, amountFen: number): Promise<AnnouncerLogEntry[]>;
  playWithFakeSound(
    mode: 'hang' | 'playerror' | 'never-loads',
  ): Promise<{ error: { name: string; code: string } | null; calls: string[]; elapsedMs: number }>;
}

let outDir: string;
let server: Server;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  outDir = mkdtempSync(path.join(tmpdir(), 'howler-page-'));
  await build({
    configFile: false,
    logLevel: 'silent',
    root: ROOT,
    build: {
      outDir,
      emptyOutDir: false,
      minify: false,
      lib: {
        entry: path.join(__dirname, 'howler-page.browser.ts'),
        formats: ['iife'],
        name: 'voicePage',
        fileName: () => 'page.js',
      },
    },
  });
  const files: Record<string, { type: string; body: Buffer | string }> = {
    '/': { type: 'text/html', body: '<!doctype html><meta charset="utf-8"><script src="/page.js"></script>' },
    '/page.js': { type: 'text/javascript', body: readFileSync(path.join(outDir, 'page.js')) },
    '/voice.ogg': { type: 'audio/ogg', body: readFileSync(path.join(ROOT, 'resources/voice/voice.ogg')) },
  };
  server = createServer((req, res) => {
    const file = files[req.url ?? ''];
    res.writeHead(file ? 200 : 404, { 'content-type': file?.type ?? 'text/plain' });
    res.end(file?.body ?? 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  browser = await launchChromium({ timeoutMs: 20_000 });
  page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

const playInPage = (clips: ClipId[], stopAfterMs?: number, src = '/voice.ogg') =>
  page.evaluate(
    ([s, c, t]) =>
      (globalThis as unknown as { voicePage: VoicePage }).voicePage.playSequence(s, c, t ?? undefined),
    [src, clips, stopAfterMs ?? null] as const,
  );

describe('howler player in Chromium', () => {
  it('fires load, then play and end for every clip of a sequence, in real time', async () => {
    const clips: ClipId[] = ['alipay-received', 'unit-10', 'digit-2', 'point', 'digit-5', 'yuan'];
    const report = await playInPage(clips);
    expect(report.error).toBeNull();
    expect(report.loadState).toBe('loaded');
    expect(
      report.events.map((e) => (e.type === 'play' || e.type === 'end' ? `${e.type}:${e.clip}` : e.type)),
    ).toEqual(['load', ...clips.flatMap((clip) => [`play:${clip}`, `end:${clip}`])]);
    const spoken = clips.reduce((sum, clip) => sum + sprite[clip][1], 0);
    expect(report.elapsedMs).toBeGreaterThan(spoken * 0.9);
    expect(report.elapsedMs).toBeLessThan(spoken + 5_000);
  }, 20_000);

  it('stops a sequence part way, resolving play at once', async () => {
    const clips: ClipId[] = ['new-order', 'rush-reminder', 'payment-attention'];
    const report = await playInPage(clips, 800);
    expect(report.error).toBeNull();
    const types = report.events.map((e) => e.type);
    expect(types).toContain('stop');
    expect(types.filter((t) => t === 'end')).toEqual([]);
    expect(report.elapsedMs).toBeLessThan(sprite['new-order'][1]);
  }, 20_000);

  it('rejects with a named error when the sprite cannot load', async () => {
    const report = await playInPage(['yuan'], undefined, '/missing.ogg');
    expect(report.error).toEqual({ name: 'VoicePlayerError', code: 'VOICE_LOAD_FAILED' });
    expect(report.events.at(-1)).toMatchObject({ type: 'error', code: 'VOICE_LOAD_FAILED' });
  }, 20_000);

  it('speaks a payment through the announcer end to end', async () => {
    const log = await page.evaluate(
      (fen) =>
        (globalThis as unknown as { voicePage: VoicePage }).voicePage.announcePayment('/voice.ogg', fen),
      1250,
    );
    expect(log.map((e) => `${e.outcome}:${e.text}`)).toEqual([
      'started:支付宝到账十二点五元',
      'played:支付宝到账十二点五元',
    ]);
    expect(log[1].at - log[0].at).toBeGreaterThan(1_000);
  }, 20_000);
});

describe('howler player failure paths', () => {
  const withFake = (mode: 'hang' | 'playerror' | 'never-loads') =>
    page.evaluate(
      (m) => (globalThis as unknown as { voicePage: VoicePage }).voicePage.playWithFakeSound(m),
      mode,
    );

  it('gives up on a clip whose end never comes, so the queue moves on', async () => {
    const result = await withFake('hang');
    expect(result.error).toEqual({ name: 'VoicePlayerError', code: 'VOICE_CLIP_TIMEOUT' });
    // After digit-1's own length plus the 100 ms slack the sound is stopped; yuan never starts.
    expect(result.calls.slice(0, 4)).toEqual(['volume:1', 'volume:0', 'play:digit-1', 'stop']);
    expect(result.calls).not.toContain('play:yuan');
    expect(result.elapsedMs).toBeGreaterThanOrEqual(sprite['digit-1'][1] + 100 - 20);
  });

  it('rejects when the browser refuses to play', async () => {
    const result = await withFake('playerror');
    expect(result.error).toEqual({ name: 'VoicePlayerError', code: 'VOICE_PLAY_FAILED' });
    expect(result.calls).not.toContain('play:yuan');
  });

  it('rejects when the sprite never finishes loading', async () => {
    const result = await withFake('never-loads');
    expect(result.error).toEqual({ name: 'VoicePlayerError', code: 'VOICE_LOAD_TIMEOUT' });
    expect(result.calls.filter((c) => c.startsWith('play:'))).toEqual([]);
    expect(result.elapsedMs).toBeGreaterThanOrEqual(180);
  });
});
