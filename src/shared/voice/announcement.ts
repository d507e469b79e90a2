import { AmountSpeechError, speakAmount } from './amount-speech';
import type { ClipId } from './clip-ids';

/**
 * What the rest of the station asks the announcer to say. Every event carries the `eventId` the
 * station deduplicates by, so a backend retry or a replayed bridge event is spoken once.
 */
export type AnnounceEvent =
  | { kind: 'new-order'; eventId: string; orderId: string }
  | { kind: 'rush'; eventId: string; orderId: string }
  | { kind: 'payment-succeeded'; eventId: string; amountFen?: number }
  | { kind: 'payment-failed'; eventId: string }
  | { kind: 'payment-attention'; eventId: string }
  | { kind: 'phone-connected'; eventId: string }
  | { kind: 'phone-disconnected'; eventId: string }
  /** Printing started failing (once per outage). */
  | { kind: 'printer-offline'; eventId: string }
  /** The settings "test" button: bypasses mute and quiet hours, so the cashier hears the volume. */
  | { kind: 'test'; eventId: string; amountFen?: number };

export type AnnounceKind = AnnounceEvent['kind'];

/**
 * Lower plays first. Payment trouble beats everything because money is waiting on a person;
 * a rush is a customer already unhappy; a new order repeats anyway; a phone coming or going is
 * also on screen; a success is the least urgent. A test sits on top because the cashier is
 * standing there waiting to hear it.
 */
export const ANNOUNCE_PRIORITY: Readonly<Record<AnnounceKind, number>> = {
  test: 0,
  'payment-failed': 1,
  'payment-attention': 1,
  rush: 2,
  'new-order': 3,
  'phone-connected': 4,
  'phone-disconnected': 4,
  // Tickets are not reaching the kitchen: as urgent as a customer asking again.
  'printer-offline': 2,
  'payment-succeeded': 5,
};

/** The kinds that quiet hours can be set to let through. */
export function isPaymentTrouble(kind: AnnounceKind): boolean {
  return kind === 'payment-failed' || kind === 'payment-attention';
}

/** The amount the test button reads out: long enough to judge the volume, with every part. */
export const TEST_AMOUNT_FEN = 123_450;

/**
 * The clip sequence for an event. A payment with an amount is read cloud-speaker style; without
 * one (or with one the speech rules cannot read), it falls back to the plain "支付成功" clip
 * rather than dropping the announcement.
 */
export function clipsForEvent(event: AnnounceEvent, speakAmounts = true): ClipId[] {
  switch (event.kind) {
    case 'new-order':
      return ['new-order'];
    case 'rush':
      return ['rush-reminder'];
    case 'payment-succeeded':
      return (speakAmounts && amountClips(event.amountFen)) || ['payment-succeeded'];
    case 'payment-failed':
      return ['payment-failed'];
    case 'payment-attention':
      return ['payment-attention'];
    case 'phone-connected':
      return ['phone-connected'];
    case 'phone-disconnected':
      return ['phone-disconnected'];
    case 'printer-offline':
      return ['printer-offline'];
    case 'test':
      return amountClips(event.amountFen ?? TEST_AMOUNT_FEN) ?? ['payment-succeeded'];
  }
}

function amountClips(fen: number | undefined): ClipId[] | null {
  if (fen === undefined) return null;
  try {
    return speakAmount(fen);
  } catch (err) {
    if (err instanceof AmountSpeechError) return null;
    throw err;
  }
}
