/**
 * The clips in the voice sprite. `scripts/voice-build.mjs` generates exactly these ids into
 * `resources/voice/voice-sprite.json`; a unit test keeps the two lists in step.
 */
export const CLIP_IDS = [
  'new-order',
  'rush-reminder',
  'payment-succeeded',
  'payment-failed',
  'payment-attention',
  'phone-connected',
  'phone-disconnected',
  'printer-offline',
  'alipay-received',
  'digit-0',
  'digit-1',
  'digit-2',
  'digit-3',
  'digit-4',
  'digit-5',
  'digit-6',
  'digit-7',
  'digit-8',
  'digit-9',
  'unit-10',
  'unit-100',
  'unit-1000',
  'unit-10000',
  'liang',
  'point',
  'yuan',
] as const;

export type ClipId = (typeof CLIP_IDS)[number];

/** `DIGIT_CLIPS[d]` speaks the digit d (零 … 九). */
export const DIGIT_CLIPS = [
  'digit-0',
  'digit-1',
  'digit-2',
  'digit-3',
  'digit-4',
  'digit-5',
  'digit-6',
  'digit-7',
  'digit-8',
  'digit-9',
] as const satisfies readonly ClipId[];

/** Offsets into the sprite audio, as howler takes them: `[startMs, durationMs]`. */
export type VoiceSprite = Readonly<Record<ClipId, readonly [startMs: number, durationMs: number]>>;

/**
 * What each clip says, in Chinese, for the "now speaking" indicator and the announcer log. The
 * phrase clips are the 汉字 of the pinyin the build script synthesises.
 */
export const CLIP_TEXT: Readonly<Record<ClipId, string>> = {
  'new-order': '您有新订单，请及时处理',
  'rush-reminder': '客户催单了，请尽快处理',
  'payment-succeeded': '支付成功',
  'payment-failed': '支付失败',
  'payment-attention': '有一笔支付需要人工确认',
  'phone-connected': '手机已连接',
  'phone-disconnected': '手机已断开',
  'printer-offline': '打印机未连接',
  'alipay-received': '支付宝到账',
  'digit-0': '零',
  'digit-1': '一',
  'digit-2': '二',
  'digit-3': '三',
  'digit-4': '四',
  'digit-5': '五',
  'digit-6': '六',
  'digit-7': '七',
  'digit-8': '八',
  'digit-9': '九',
  'unit-10': '十',
  'unit-100': '百',
  'unit-1000': '千',
  'unit-10000': '万',
  liang: '两',
  point: '点',
  yuan: '元',
};

/** A clip sequence as one line of text: 支付宝到账十二点五元. */
export function clipsToText(clips: readonly ClipId[]): string {
  return clips.map((clip) => CLIP_TEXT[clip]).join('');
}

export function isClipId(value: string): value is ClipId {
  return (CLIP_IDS as readonly string[]).includes(value);
}
