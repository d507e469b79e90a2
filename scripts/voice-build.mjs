#!/usr/bin/env node
// Generates the voice clips with espeak-ng (Mandarin, pinyin input) and sox, and packs them into
// one howler sprite: resources/voice/voice.ogg + resources/voice/voice-sprite.json.
//
// Why one sprite: one file means one decode and one network/IPC fetch; howler plays slices of it
// by offset. Why OGG only: the only runtime is Chromium (Electron or the serve browser), which
// decodes Vorbis natively, and an MP3 fallback would shift every sprite offset by the encoder
// delay. Output is byte-for-byte repeatable: espeak-ng is deterministic and `sox -R` fixes the
// Ogg stream serial number and dither seed.
//
// The clip ids must match CLIP_IDS in src/shared/voice/clip-ids.ts; a unit test checks the
// committed sprite against that list.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname), '..');
// VOICE_OUT_DIR lets the integration test rebuild into a scratch folder and compare bytes.
const OUT_DIR = process.env.VOICE_OUT_DIR
  ? path.resolve(process.env.VOICE_OUT_DIR)
  : path.join(ROOT, 'resources', 'voice');
const VOICE = 'cmn-latn-pinyin';
const RATE = 22050;
/** Silence before the first clip and between clips, so a late `stop` never bleeds into the next. */
const GAP_MS = 120;
/** Loudness target (RMS, linear) and peak ceiling; clips are gained to the RMS unless that clips. */
const TARGET_RMS = 0.126; // about -18 dBFS
const PEAK_CEILING = 0.89; // about -1 dBFS
/**
 * Trim both ends (the reverse trick lets `silence` trim the tail), with a 5 ms fade at each cut so
 * it never clicks. The threshold is low because espeak pads with near-digital silence, and a low
 * one keeps the decays.
 */
const TRIM_EDGE = ['silence', '1', '0.01', '0.3%', 'fade', 't', '0.005'];
const TRIM = [...TRIM_EDGE, 'reverse', ...TRIM_EDGE, 'reverse'];

/** Phrases are read a little slower than the cloud-speaker number pieces, which must run together. */
const PHRASE_SPEED = 150;
const PIECE_SPEED = 170;

/**
 * id → pinyin with tone numbers (the cmn-latn-pinyin voice reads tone 1–5 digits), plus the
 * plausible length range in ms used to reject a broken synthesis.
 */
const CLIPS = [
  // 您有新订单，请及时处理
  phrase('new-order', 'nin2 you3 xin1 ding4 dan1, qing3 ji2 shi2 chu3 li3'),
  // 客户催单了，请尽快处理
  phrase('rush-reminder', 'ke4 hu4 cui1 dan1 le5, qing3 jin3 kuai4 chu3 li3'),
  // 支付成功
  phrase('payment-succeeded', 'zhi1 fu4 cheng2 gong1'),
  // 支付失败
  phrase('payment-failed', 'zhi1 fu4 shi1 bai4'),
  // 有一笔支付需要人工确认
  phrase('payment-attention', 'you3 yi4 bi3 zhi1 fu4 xu1 yao4 ren2 gong1 que4 ren4'),
  // 手机已连接 / 手机已断开
  phrase('phone-connected', 'shou3 ji1 yi3 lian2 jie1'),
  phrase('phone-disconnected', 'shou3 ji1 yi3 duan4 kai1'),
  // 打印机未连接
  phrase('printer-offline', 'da3 yin4 ji1 wei4 lian2 jie1'),
  // 支付宝到账
  { id: 'alipay-received', text: 'zhi1 fu4 bao3 dao4 zhang4', speed: PIECE_SPEED, minMs: 700, maxMs: 2500 },
  ...['ling2', 'yi1', 'er4', 'san1', 'si4', 'wu3', 'liu4', 'qi1', 'ba1', 'jiu3'].map((text, d) =>
    piece(`digit-${d}`, text),
  ),
  piece('unit-10', 'shi2'),
  piece('unit-100', 'bai3'),
  piece('unit-1000', 'qian1'),
  piece('unit-10000', 'wan4'),
  piece('liang', 'liang3'),
  piece('point', 'dian3'),
  piece('yuan', 'yuan2'),
];

function phrase(id, text) {
  return { id, text, speed: PHRASE_SPEED, minMs: 700, maxMs: 5000 };
}

function piece(id, text) {
  return { id, text, speed: PIECE_SPEED, minMs: 120, maxMs: 900 };
}

class VoiceBuildError extends Error {
  constructor(code, message) {
    super(message);
    this.name = 'VoiceBuildError';
    this.code = code;
  }
}

function run(cmd, args) {
  const result = spawnSync(cmd, args, { encoding: 'utf8' });
  if (result.error) {
    if (result.error.code === 'ENOENT') {
      throw new VoiceBuildError(
        'VOICE_TOOL_MISSING',
        `${cmd} is not installed. Install the voice toolchain with: apt-get install -y espeak-ng sox libsox-fmt-all`,
      );
    }
    throw result.error;
  }
  if (result.status !== 0) {
    throw new VoiceBuildError(
      'VOICE_TOOL_FAILED',
      `${cmd} ${args.join(' ')} exited with ${result.status}: ${result.stderr.trim()}`,
    );
  }
  // sox prints `stat` and `stats` results on stderr.
  return result.stdout + result.stderr;
}

function checkTools() {
  run('espeak-ng', ['--version']);
  run('sox', ['--version']);
  const voices = run('espeak-ng', ['--voices=cmn']);
  if (!voices.includes(VOICE)) {
    throw new VoiceBuildError(
      'VOICE_MISSING',
      `espeak-ng has no ${VOICE} voice. Install the distribution's espeak-ng-data (apt-get install -y espeak-ng).`,
    );
  }
  const formats = run('sox', ['-h']);
  if (!/\bvorbis\b/.test(formats)) {
    throw new VoiceBuildError(
      'VOICE_OGG_MISSING',
      'sox cannot write Ogg Vorbis. Install the formats with: apt-get install -y libsox-fmt-all',
    );
  }
}

/** Reads one numeric field from `sox FILE -n stat`. */
function stat(file) {
  const text = run('sox', [file, '-n', 'stat']);
  const field = (label) => {
    const m = new RegExp(`^${label}:\\s+([-\\d.e]+)`, 'm').exec(text);
    if (!m) throw new VoiceBuildError('VOICE_STAT_PARSE', `sox stat printed no "${label}" for ${file}`);
    return Number(m[1]);
  };
  return {
    samples: field('Samples read'),
    rms: field('RMS\\s+amplitude'),
    peak: field('Maximum amplitude'),
  };
}

function assertSamples(file, expected) {
  const actual = stat(file).samples;
  if (actual !== expected) {
    throw new VoiceBuildError(
      'VOICE_SPRITE_MISALIGNED',
      `${path.basename(file)} has ${actual} samples where the sprite offsets assume ${expected}; check the sox version`,
    );
  }
}

function buildClip(work, clip) {
  const raw = path.join(work, `${clip.id}.raw.wav`);
  const trimmed = path.join(work, `${clip.id}.trim.wav`);
  const final = path.join(work, `${clip.id}.wav`);
  run('espeak-ng', ['-v', VOICE, '-s', String(clip.speed), '-w', raw, clip.text]);
  // One fixed format for every clip so the sprite concatenates sample-exact.
  run('sox', ['-R', raw, '-r', String(RATE), '-c', '1', '-b', '16', trimmed, ...TRIM]);
  const before = stat(trimmed);
  if (before.samples === 0 || before.rms < 0.005) {
    throw new VoiceBuildError('VOICE_SILENT', `clip ${clip.id} ("${clip.text}") came out silent`);
  }
  const gain = Math.min(TARGET_RMS / before.rms, PEAK_CEILING / before.peak);
  run('sox', ['-R', trimmed, final, 'vol', gain.toFixed(4)]);
  const after = stat(final);
  const ms = (after.samples * 1000) / RATE;
  if (ms < clip.minMs || ms > clip.maxMs) {
    throw new VoiceBuildError(
      'VOICE_IMPLAUSIBLE_LENGTH',
      `clip ${clip.id} ("${clip.text}") is ${ms.toFixed(0)} ms, outside ${clip.minMs}–${clip.maxMs} ms; check the pinyin`,
    );
  }
  return { file: final, samples: after.samples, rms: after.rms, peak: after.peak };
}

function main() {
  checkTools();
  const work = mkdtempSync(path.join(tmpdir(), 'voice-build-'));
  try {
    const gapSamples = Math.round((GAP_MS * RATE) / 1000);
    const gap = path.join(work, 'gap.wav');
    // The rate goes before -n: after it, it would resample a 48 kHz null input and shorten the gap.
    run('sox', ['-R', '-r', String(RATE), '-c', '1', '-n', '-b', '16', gap, 'trim', '0', `${gapSamples}s`]);
    assertSamples(gap, gapSamples);

    const inputs = [gap];
    const sprite = {};
    let cursor = gapSamples;
    for (const clip of CLIPS) {
      const built = buildClip(work, clip);
      // Whole milliseconds keep the JSON readable; floor the start and ceil the end so no audio
      // is cut, the gap absorbs the rounding.
      const startMs = Math.floor((cursor * 1000) / RATE);
      const endMs = Math.ceil(((cursor + built.samples) * 1000) / RATE);
      sprite[clip.id] = [startMs, endMs - startMs];
      console.log(
        `${clip.id.padEnd(20)} ${String(endMs - startMs).padStart(5)} ms  rms ${built.rms.toFixed(3)}  peak ${built.peak.toFixed(3)}  "${clip.text}"`,
      );
      inputs.push(built.file, gap);
      cursor += built.samples + gapSamples;
    }

    const spriteWav = path.join(work, 'voice.wav');
    run('sox', ['-R', ...inputs, spriteWav]);
    // The offsets above are only right if the concatenation is sample-exact.
    assertSamples(spriteWav, cursor);
    mkdirSync(OUT_DIR, { recursive: true });
    const ogg = path.join(OUT_DIR, 'voice.ogg');
    // Quality 3 keeps speech clear at a fraction of a WAV's size.
    run('sox', ['-R', spriteWav, '-C', '3', ogg]);
    writeFileSync(path.join(OUT_DIR, 'voice-sprite.json'), `${JSON.stringify(sprite, null, 2)}\n`);
    const totalMs = Math.round((cursor * 1000) / RATE);
    console.log(
      `voice: ${CLIPS.length} clips, ${totalMs} ms, voice.ogg ${statSync(ogg).size} bytes → ${OUT_DIR}`,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

try {
  main();
} catch (err) {
  if (err instanceof VoiceBuildError) {
    console.error(`voice:build failed [${err.code}]: ${err.message}`);
    process.exit(1);
  }
  throw err;
}
