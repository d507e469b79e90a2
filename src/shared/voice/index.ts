// The voice layer's public surface, for the renderer and the settings schema.
export { speakAmount, speakWholeNumber, speakYuanNumber, AmountSpeechError } from './amount-speech';
export { ANNOUNCE_PRIORITY, TEST_AMOUNT_FEN, clipsForEvent } from './announcement';
export type { AnnounceEvent, AnnounceKind } from './announcement';
export { createAnnouncer } from './announcer';
export { DEFAULT_ANNOUNCER_SETTINGS, VoiceSettingsError, validateSettings } from './announcer-settings';
export type { AnnouncerSettings } from './announcer-settings';
export type {
  AnnounceResult,
  Announcer,
  AnnouncerLogEntry,
  AnnouncerOptions,
  AnnouncerState,
  SkipReason,
  SpeakingNow,
} from './announcer-types';
export { CLIP_IDS, CLIP_TEXT, clipsToText, isClipId } from './clip-ids';
export type { ClipId, VoiceSprite } from './clip-ids';
export { QuietHoursError, isWithinQuietHours, parseTimeOfDay, validateQuietHours } from './quiet-hours';
export type { QuietHours } from './quiet-hours';
export { createSystemVoiceClock } from './voice-ports';
export type { VoiceClock, VoicePlayer } from './voice-ports';
export { VoiceSpriteError, parseVoiceSprite } from './voice-sprite';
