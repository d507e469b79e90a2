/**
 * Where a ROM hides its own autostart manager and battery restrictions, which adb cannot change:
 * the cashier has to open them on the phone. The paths are those the "Don't kill my app!" pages
 * give per vendor (https://dontkillmyapp.com/xiaomi, /huawei, /oppo, /vivo, /realme), in the
 * names the Chinese ROMs use on screen. A vendor missing here gets no hint, never a wrong one.
 */
export interface VendorHint {
  vendor: string;
  autostart: { zh: string; en: string };
  battery: { zh: string; en: string };
}

const MIUI: VendorHint = {
  vendor: 'MIUI / HyperOS',
  autostart: {
    zh: '手机管家（安全中心）→ 应用管理 → 权限 → 自启动 → 打开本应用',
    en: 'Security → Permissions → Autostart → turn the app on',
  },
  battery: {
    zh: '设置 → 应用设置 → 应用管理 → 本应用 → 省电策略 → 无限制',
    en: 'Settings → Apps → Manage apps → the app → Battery saver → No restrictions',
  },
};

const EMUI: VendorHint = {
  vendor: 'EMUI / HarmonyOS',
  autostart: {
    zh: '设置 → 电池 → 应用启动管理 → 本应用 → 关闭“自动管理”，打开允许自启动、关联启动、后台活动',
    en: 'Settings → Battery → App launch → the app → Manage manually: auto-launch, secondary launch, run in background',
  },
  battery: {
    zh: '设置 → 电池 → 更多电池设置 → 休眠时始终保持网络连接',
    en: 'Settings → Battery → More battery settings → Stay connected when device sleeps',
  },
};

const COLOROS: VendorHint = {
  vendor: 'ColorOS / realme UI',
  autostart: {
    zh: '设置 → 应用管理 → 本应用 → 允许自启动（部分版本在“手机管家 → 权限隐私 → 自启动管理”）',
    en: 'Settings → App management → the app → Allow auto launch (or Phone Manager → Privacy permissions → Startup manager)',
  },
  battery: {
    zh: '设置 → 应用管理 → 本应用 → 耗电管理 → 允许后台运行',
    en: 'Settings → App management → the app → Battery usage → Allow background activity',
  },
};

const VIVO: VendorHint = {
  vendor: 'vivo (Funtouch OS / OriginOS)',
  autostart: {
    zh: 'i管家 → 应用管理 → 权限管理 → 自启动 → 打开本应用',
    en: 'i Manager → App manager → Autostart manager → turn the app on',
  },
  battery: {
    zh: '设置 → 电池 → 后台耗电管理 → 本应用 → 允许后台高耗电',
    en: 'Settings → Battery → Background power consumption management → the app → Allow high background power consumption',
  },
};

/** The rom string the station reads from getprop (`romOf`): `MIUI V125`, `HyperOS 3.0`, … */
const BY_ROM: Array<[RegExp, VendorHint]> = [
  [/^(MIUI|HyperOS)\b/, MIUI],
  [/^(EMUI|HarmonyOS)\b/, EMUI],
  [/^(ColorOS|realme UI)\b/, COLOROS],
  [/^(Funtouch|OriginOS|vivo OS)\b/i, VIVO],
];

export function vendorHintFor(rom: string | null | undefined): VendorHint | null {
  if (!rom) return null;
  for (const [re, hint] of BY_ROM) if (re.test(rom)) return hint;
  return null;
}
