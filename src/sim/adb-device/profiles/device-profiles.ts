import type { ApkLayout } from '../render/render-pm-path';

/**
 * A kind of phone the simulator can be: which real capture each shell command answers from
 * (files under test/fixtures/android/, whose README names every capture's source), and the
 * state those captures show. Where the corpus has no capture of one command for that very
 * phone, the profile takes the nearest capture of the same Android generation, which prints
 * the same shape; the comment next to each says so.
 */
export interface DeviceProfile {
  id: string;
  /** What the profile is, for the demo and test names. */
  title: string;
  captures: {
    getprop: string;
    notification: string;
    window: string;
    power: string;
    tcp: string;
    tcp6: string;
    deviceidle: string;
  };
  /** How `pm path` prints APK folders on this Android. */
  apkLayout: ApkLayout;
  /** What `dumpsys power` calls the screen-off state on this phone. */
  screenOffWakefulness: 'Asleep' | 'Dozing';
  /** The state the captures show, which the phone starts in. */
  starts: { locked: boolean; screenOn: boolean; listenerLive: boolean };
  /** What the station should make of the phone as it starts (checked end to end). */
  expect: { state: 'ready' } | { state: 'needs-attention'; reason: string; then?: string };
}

const READY = { locked: false, screenOn: true, listenerLive: true };

export const DEVICE_PROFILES: readonly DeviceProfile[] = [
  {
    id: 'android7-miui',
    title: 'Xiaomi MI MAX 2, MIUI 11 on Android 7.1.1',
    captures: {
      getprop: 'getprop/a7-miui-mimax2.txt',
      // Android 7 from a Chinese ROM (360 OS); MIUI's own Android 7 dump is not in the corpus.
      notification: 'notification/a7-360os-qiku-blog.txt',
      window: 'window/a7-aosp-emulator-newland-blog.txt',
      power: 'power/a7-samsung-openatx444.txt',
      tcp: 'proc-net-tcp/a7-nexus6p-mastg-excerpt.txt',
      // No Android 7 tcp6 table was captured; the kernel prints tcp6 the same way in every version.
      tcp6: 'proc-net-tcp/a14-emulator-x86_64-tcp6-excerpt.txt',
      deviceidle: 'deviceidle/a10-qcom-pm6150-blog.txt',
    },
    apkLayout: 'numbered',
    screenOffWakefulness: 'Asleep',
    starts: READY,
    expect: { state: 'ready' },
  },
  {
    id: 'android9-harmonyos',
    title: 'HUAWEI JKM-AL00, HarmonyOS 2 on EMUI 9.1 (Android 9)',
    captures: {
      getprop: 'getprop/a9-harmonyos2-jkm-al00.txt',
      // AOSP's Android 8.1–11 shape; no EMUI listener dump is in the corpus.
      notification: 'notification/a9-aosp-prw-print.txt',
      window: 'window/a9-aosp-board-lxg-blog.txt',
      power: 'power/a7-samsung-openatx444.txt',
      tcp: 'proc-net-tcp/a7-nexus6p-mastg-excerpt.txt',
      tcp6: 'proc-net-tcp/a14-emulator-x86_64-tcp6-excerpt.txt',
      deviceidle: 'deviceidle/a10-qcom-pm6150-blog.txt',
    },
    // pm-path/a9-emui-hwcol-wechat.txt (an Honor phone on EMUI).
    apkLayout: 'hashed',
    screenOffWakefulness: 'Asleep',
    starts: READY,
    expect: { state: 'ready' },
  },
  {
    id: 'android11-miui',
    title: 'Redmi Note 8 Pro, MIUI 12.5 on Android 11',
    captures: {
      getprop: 'getprop/a11-miui-redmi-note8pro.txt',
      notification: 'notification/a9-aosp-prw-print.txt',
      // Android 10's DisplayPolicy shape (isStatusBarKeyguard), printed up to 12.
      window: 'window/a10-aosp-pixel-displaypolicy-blog.txt',
      power: 'power/a12-rockchip-projector-perfreport.txt',
      tcp: 'proc-net-tcp/a14-emulator-x86_64-tcp-excerpt.txt',
      tcp6: 'proc-net-tcp/a14-emulator-x86_64-tcp6-excerpt.txt',
      deviceidle: 'deviceidle/a11-miui-mi9tpro-excerpt.txt',
    },
    apkLayout: 'random-dir',
    screenOffWakefulness: 'Asleep',
    starts: READY,
    expect: { state: 'ready' },
  },
  {
    id: 'android12-realmeui',
    title: 'realme GT NEO3, realme UI 3 (ColorOS 12) on Android 12',
    captures: {
      getprop: 'getprop/a12-realmeui3-gtneo3.txt',
      notification: 'notification/a13-aosp-tiramisu-print.txt',
      window: 'window/a10-aosp-pixel-displaypolicy-blog.txt',
      power: 'power/a12-rockchip-projector-perfreport.txt',
      tcp: 'proc-net-tcp/a14-emulator-x86_64-tcp-excerpt.txt',
      tcp6: 'proc-net-tcp/a14-emulator-x86_64-tcp6-excerpt.txt',
      deviceidle: 'deviceidle/a13-lava-agni2-excerpt.txt',
    },
    apkLayout: 'random-dir',
    screenOffWakefulness: 'Asleep',
    starts: READY,
    expect: { state: 'ready' },
  },
  {
    id: 'android13-unbound',
    title:
      'Android 13 whose payment listener is enabled but not live (as the capture shows for Android Auto)',
    captures: {
      getprop: 'getprop/a13-pixelexperience-whyred.txt',
      // A real One UI 13 dump: Android Auto's and Focus mode's listeners are enabled, not live.
      notification: 'notification/a13-oneui-samsung-qapathway.txt',
      window: 'window/a16-google-emulator-adbjson-displaypolicy.txt',
      power: 'power/a16-google-emulator-adbjson.txt',
      tcp: 'proc-net-tcp/a14-emulator-x86_64-tcp-excerpt.txt',
      tcp6: 'proc-net-tcp/a14-emulator-x86_64-tcp6-excerpt.txt',
      deviceidle: 'deviceidle/a13-lava-agni2-excerpt.txt',
    },
    apkLayout: 'random-dir',
    screenOffWakefulness: 'Asleep',
    starts: { locked: false, screenOn: true, listenerLive: false },
    expect: { state: 'needs-attention', reason: 'NOTIFICATION_LISTENER_UNBOUND' },
  },
  {
    id: 'android14-locked',
    title: 'Android 14 phone asleep on its lock screen (the capture was taken so)',
    captures: {
      getprop: 'getprop/a14-google-emulator-sdkgphone.txt',
      notification: 'notification/a15-aosp-mirror-print.txt',
      window: 'window/a14-unknown-tachiyomi-report-policy.txt',
      power: 'power/a14-unknown-tachiyomi-report-dozing.txt',
      tcp: 'proc-net-tcp/a14-emulator-x86_64-tcp-excerpt.txt',
      tcp6: 'proc-net-tcp/a14-emulator-x86_64-tcp6-excerpt.txt',
      deviceidle: 'deviceidle/a13-lava-agni2-excerpt.txt',
    },
    apkLayout: 'random-dir',
    screenOffWakefulness: 'Dozing',
    starts: { locked: true, screenOn: false, listenerLive: true },
    // The screen is off first; woken, it still shows the lock screen.
    expect: { state: 'needs-attention', reason: 'SCREEN_OFF', then: 'SCREEN_LOCKED' },
  },
  {
    id: 'android15-coloros',
    title: 'OPPO Reno9, ColorOS 15 on Android 15',
    captures: {
      getprop: 'getprop/a15-coloros-reno9.txt',
      notification: 'notification/a15-aosp-mirror-print.txt',
      window: 'window/a16-google-emulator-adbjson-displaypolicy.txt',
      power: 'power/a16-google-emulator-adbjson.txt',
      tcp: 'proc-net-tcp/a14-emulator-x86_64-tcp-excerpt.txt',
      tcp6: 'proc-net-tcp/a14-emulator-x86_64-tcp6-excerpt.txt',
      deviceidle: 'deviceidle/a13-lava-agni2-excerpt.txt',
    },
    apkLayout: 'random-dir',
    screenOffWakefulness: 'Dozing',
    starts: READY,
    expect: { state: 'ready' },
  },
  {
    id: 'android16-hyperos',
    title: 'Xiaomi 17 Pro Max, HyperOS 3 on Android 16',
    captures: {
      getprop: 'getprop/a16-hyperos3-xiaomi17promax.txt',
      // HyperOS on Android 15, the nearest HyperOS listener dump (it prints `(user 0):   ` before
      // the "enabled" header).
      notification: 'notification/a15-hyperos-xiaomi-cn-radiodroid.txt',
      window: 'window/a16-google-emulator-adbjson-displaypolicy.txt',
      // Captured dozing; the simulated phone starts awake and says `Dozing` when its screen goes off.
      power: 'power/a16-hyperos-fyrwx-audit-dozing.txt',
      tcp: 'proc-net-tcp/a14-emulator-x86_64-tcp-excerpt.txt',
      tcp6: 'proc-net-tcp/a14-emulator-x86_64-tcp6-excerpt.txt',
      deviceidle: 'deviceidle/a16-hyperos-xiaomi13tpro-excerpt.txt',
    },
    apkLayout: 'random-dir',
    screenOffWakefulness: 'Dozing',
    starts: READY,
    expect: { state: 'ready' },
  },
];

/** The profile of a simulated phone created without one. */
export const DEFAULT_PROFILE_ID = 'android11-miui';

/** The three real profiles the demo plugs in by default. */
export const DEMO_PROFILE_IDS = ['android11-miui', 'android9-harmonyos', 'android15-coloros'] as const;

export class UnknownProfileError extends Error {
  readonly code = 'UNKNOWN_DEVICE_PROFILE';
  constructor(readonly id: string) {
    super(`No device profile "${id}". Known profiles: ${DEVICE_PROFILES.map((p) => p.id).join(', ')}.`);
    this.name = 'UnknownProfileError';
  }
}

export function deviceProfile(id: string): DeviceProfile {
  const p = DEVICE_PROFILES.find((x) => x.id === id);
  if (!p) throw new UnknownProfileError(id);
  return p;
}
