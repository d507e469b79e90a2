import { describe, expect, it } from 'vitest';
import { createNonceStore } from '../../../../../src/main/core/http/nonce-store';
import { createManualClock } from '../../../../../src/main/core/util/clock';

describe('nonce store', () => {
  it('accepts a nonce once while its request could still pass the timestamp check', () => {
    const clock = createManualClock(1_000_000_000);
    const store = createNonceStore({ clock, windowMs: 300_000 });
    expect(store.accept('nonce-aaaa', clock.now())).toBe('accepted');
    expect(store.accept('nonce-aaaa', clock.now())).toBe('replayed');
    clock.advance(299_000);
    expect(store.accept('nonce-aaaa', clock.now() - 299_000)).toBe('replayed');
  });

  it('forgets nonces after the window, so memory stays bounded by traffic in the window', () => {
    const clock = createManualClock(1_000_000_000);
    const store = createNonceStore({ clock, windowMs: 300_000 });
    for (let i = 0; i < 1000; i++) store.accept(`nonce-${i}`, clock.now());
    expect(store.size).toBe(1000);
    clock.advance(302_000);
    expect(store.accept('fresh-nonce', clock.now())).toBe('accepted');
    expect(store.size).toBe(1);
  });

  it('remembers a future-stamped nonce until its own window ends', () => {
    const clock = createManualClock(1_000_000_000);
    const store = createNonceStore({ clock, windowMs: 300_000 });
    store.accept('ahead-nonce', clock.now() + 300_000);
    clock.advance(400_000);
    expect(store.accept('ahead-nonce', clock.now() - 100_000)).toBe('replayed');
  });

  it('refuses new nonces when full instead of forgetting old ones', () => {
    const clock = createManualClock(0);
    const store = createNonceStore({ clock, maxEntries: 3 });
    for (const n of ['n1111111', 'n2222222', 'n3333333']) expect(store.accept(n, 0)).toBe('accepted');
    expect(store.accept('n4444444', 0)).toBe('full');
    expect(store.accept('n1111111', 0)).toBe('replayed');
  });
});
