import { describe, expect, it } from 'vitest';
import type { EventListener } from '../../../src/shared/contract/bridge-types';
import { connectVoiceMute } from '../../../src/renderer/src/api/voice-mute';

describe('connectVoiceMute', () => {
  it('mutes the announcer for what is left of the shell’s mute, unmutes on null, and disconnects', () => {
    let listener: EventListener<'voice:mute'> | null = null;
    const bridge = {
      on: ((name: string, l: EventListener<'voice:mute'>) => {
        expect(name).toBe('voice:mute');
        listener = l;
        return () => (listener = null);
      }) as never,
    };
    const calls: string[] = [];
    const off = connectVoiceMute(
      bridge,
      { muteFor: (ms) => calls.push(`mute ${ms}`), unmute: () => calls.push('unmute') },
      () => 1_000,
    );
    listener!({ mutedUntil: 1_000 + 1_800_000 });
    listener!({ mutedUntil: 500 });
    listener!({ mutedUntil: null });
    expect(calls).toEqual(['mute 1800000', 'mute 0', 'unmute']);
    off();
    expect(listener).toBeNull();
  });
});
