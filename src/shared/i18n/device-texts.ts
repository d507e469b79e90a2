/**
 * Texts for the device reasons the core gives (`DeviceReason.messageKey` / `hintKey`), in
 * Chinese first and English second. Plain data: the window and the HTTP API both read it.
 * `{name}` placeholders are filled from `DeviceReason.params`.
 */
export interface LocalizedText {
  'zh-CN': string;
  en: string;
}

export const DEVICE_TEXTS: Readonly<Record<string, LocalizedText>> = {
  'device.reason.unauthorized.message': {
    'zh-CN': '手机尚未允许这台电脑进行 USB 调试',
    en: 'The phone has not allowed USB debugging from this PC',
  },
  'device.reason.unauthorized.hint': {
    'zh-CN':
      '请解锁手机，在弹出的“允许 USB 调试吗？”中勾选“始终允许”并点“允许”。没有弹窗时请重新插拔数据线。',
    en: 'Unlock the phone and tap "Allow" on "Allow USB debugging?" (tick "Always allow"). If no prompt shows, unplug and replug the cable.',
  },
  'device.reason.noPermissions.message': {
    'zh-CN': '系统没有权限访问这台手机的 USB 接口',
    en: "The system has no permission to use this phone's USB interface",
  },
  'device.reason.noPermissions.hint': {
    'zh-CN': '请安装 USB 驱动或配置 udev 规则（Linux），然后重新插拔手机。',
    en: 'Install the USB driver (or a udev rule on Linux), then replug the phone.',
  },
  'device.reason.offline.message': {
    'zh-CN': '手机已连接但处于离线状态',
    en: 'The phone is attached but offline',
  },
  'device.reason.offline.hint': {
    'zh-CN': '请重新插拔数据线；如果仍然离线，在手机上关闭再打开“USB 调试”。',
    en: 'Replug the cable; if it stays offline, turn USB debugging off and on again on the phone.',
  },
  'device.reason.specialMode.message': {
    'zh-CN': '手机处于特殊模式（{mode}），不能收款',
    en: 'The phone is in a special mode ({mode}) and cannot take payments',
  },
  'device.reason.specialMode.hint': {
    'zh-CN': '请把手机正常开机后再连接。',
    en: 'Boot the phone normally, then attach it again.',
  },
  'device.reason.adbServerDown.message': {
    'zh-CN': '与 adb 服务的连接中断，正在自动重连',
    en: 'The connection to the adb server was lost; reconnecting automatically',
  },
  'device.reason.adbServerDown.hint': {
    'zh-CN': '请稍候。若长时间不恢复，请关闭其他手机助手类软件后重启收银站。',
    en: 'Please wait. If it does not recover, close other phone-assistant programs and restart the station.',
  },
  'device.reason.connecting.message': {
    'zh-CN': '正在检查手机',
    en: 'Checking the phone',
  },
  'device.reason.connecting.hint': {
    'zh-CN': '请稍候，几秒钟内完成。',
    en: 'Please wait; this takes a few seconds.',
  },
  'device.reason.probeFailed.message': {
    'zh-CN': '无法读取手机状态：{detail}',
    en: "Could not read the phone's state: {detail}",
  },
  'device.reason.probeFailed.hint': {
    'zh-CN': '收银站会自动重试；如果一直失败，请重新插拔手机。',
    en: 'The station retries by itself; if it keeps failing, replug the phone.',
  },
  'device.reason.appNotInstalled.message': {
    'zh-CN': '手机上没有安装收款 App（{package}）',
    en: 'The payment app ({package}) is not installed on the phone',
  },
  'device.reason.appNotInstalled.hint': {
    'zh-CN': '请在手机上安装收款 App，安装后会自动检测。',
    en: 'Install the payment app on the phone; it is detected automatically afterwards.',
  },
  'device.reason.appDown.message': {
    'zh-CN': '收款 App 没有运行（端口 {port} 未监听）',
    en: 'The payment app is not running (port {port} is not listening)',
  },
  'device.reason.appDown.hint': {
    'zh-CN': '点“重启 App”，或在手机上打开收款 App。',
    en: 'Click "Restart app", or open the payment app on the phone.',
  },
  'device.reason.forwardFailed.message': {
    'zh-CN': '无法建立端口转发：{detail}',
    en: 'Could not set up the port forward: {detail}',
  },
  'device.reason.forwardFailed.hint': {
    'zh-CN': '请在设置中扩大转发端口范围，或关闭占用这些端口的程序。',
    en: 'Widen the forward port range in Settings, or close the program using those ports.',
  },
  'device.reason.notificationAccessOff.message': {
    'zh-CN': '收款 App 没有“通知使用权”，收不到支付宝的付款通知',
    en: "The payment app has no notification access, so it cannot read Alipay's payment notifications",
  },
  'device.reason.notificationAccessOff.hint': {
    'zh-CN':
      '只能在手机上开启：设置 → 应用 → 特殊应用权限 → 通知使用权（MIUI：设置 → 通知与控制中心 → 通知使用权；EMUI/鸿蒙：设置 → 应用和服务 → 权限管理 → 通知使用权），为收款 App（{package}）打开开关。开启后会自动检测。',
    en: 'Only the phone can grant it: Settings > Apps > Special app access > Notification access (MIUI: Settings > Notifications & Control centre > Notification access; EMUI/HarmonyOS: Settings > Apps & services > Permissions > Notification access), then turn it on for the payment app ({package}). It is detected automatically.',
  },
  'device.reason.listenerUnbound.message': {
    'zh-CN': '通知使用权已开启，但收款 App 的通知监听没有在运行',
    en: "Notification access is on, but the payment app's notification listener is not running",
  },
  'device.reason.listenerUnbound.hint': {
    'zh-CN':
      '请点“重启收款 App”。仍不恢复时，在手机的通知使用权中把收款 App 关闭再打开，并在系统的自启动、后台运行和电池优化设置中允许它常驻。',
    en: 'Press "Restart app". If it stays like this, turn the app\'s notification access off and on again on the phone, and allow it to autostart, run in the background and skip battery optimisation.',
  },
  'device.reason.alipayNotInstalled.message': {
    'zh-CN': '手机上没有安装支付宝',
    en: 'Alipay is not installed on the phone',
  },
  'device.reason.alipayNotInstalled.hint': {
    'zh-CN': '请安装支付宝并登录付款账号。',
    en: 'Install Alipay and sign in to the paying account.',
  },
  'device.reason.screenOff.message': {
    'zh-CN': '手机屏幕已关闭',
    en: "The phone's screen is off",
  },
  'device.reason.screenOff.hint': {
    'zh-CN': '请点亮手机屏幕；建议在开发者选项中打开“充电时保持唤醒”（不锁定屏幕）。',
    en: 'Wake the phone; turn on "Stay awake" (while charging) in Developer options.',
  },
  'device.reason.screenLocked.message': {
    'zh-CN': '手机处于锁屏界面',
    en: 'The phone is on its lock screen',
  },
  'device.reason.screenLocked.hint': {
    'zh-CN': '请解锁手机；收款手机建议把锁屏方式设为“无”，并打开“充电时保持唤醒”。',
    en: 'Unlock the phone; on a payment phone set the screen lock to "None" and turn on "Stay awake" while charging.',
  },
  'device.reason.gone.message': {
    'zh-CN': '手机已断开',
    en: 'The phone was disconnected',
  },
  'device.reason.gone.hint': {
    'zh-CN': '如果不是有意拔出，请检查数据线和 USB 接口。',
    en: 'If this was not intended, check the cable and the USB port.',
  },
  // Reported by the payment engine while it recovers a wedged phone (docs/PHONE-PROTOCOL.md, hazards).
  'device.reason.settling.message': {
    'zh-CN': '手机在冷却中，还剩 {secondsLeft} 秒',
    en: 'Settling, {secondsLeft} s left',
  },
  'device.reason.settling.hint': {
    'zh-CN': '上一笔支付没有结果。冷却结束后会再重启一次收款应用，之后自动恢复收款，无需操作。',
    en: 'The last payment got no result. The phone app restarts once more when this ends, then the phone takes payments again by itself.',
  },
  'device.reason.restartingApp.message': {
    'zh-CN': '正在重启收款应用（第 {round} 次）',
    en: 'Restarting the phone app (round {round})',
  },
  'device.reason.restartingApp.hint': {
    'zh-CN': '请勿操作手机，重启完成后会自动恢复。',
    en: 'Leave the phone alone; it comes back by itself when the restart is done.',
  },
  'device.reason.appRestartFailed.message': {
    'zh-CN': '收款应用重启失败：{detail}',
    en: 'Could not restart the phone app: {detail}',
  },
  'device.reason.appRestartFailed.hint': {
    'zh-CN': '请解锁手机并手动打开收款应用；系统会稍后自动重试。',
    en: 'Unlock the phone and open the phone app by hand; the station retries shortly.',
  },
  'device.reason.appNotAnswering.message': {
    'zh-CN': '收款应用没有响应',
    en: 'The phone app is not answering',
  },
  'device.reason.caring.message': {
    'zh-CN': '正在自动维护手机',
    en: 'The station is looking after the phone',
  },
  'device.reason.caring.hint': {
    'zh-CN': '请勿操作手机，处理完成后会自动恢复收款。',
    en: 'Leave the phone alone; it takes payments again when this is done.',
  },
  'care.stopped.appKeepsDying.message': {
    'zh-CN': '收款应用反复被系统关闭（一小时内已自动重启 {count} 次），已停止自动重启',
    en: 'The system keeps killing the phone app ({count} restarts within an hour); the station stopped restarting it',
  },
  'care.stopped.appKeepsDying.hint': {
    'zh-CN': '请在手机上允许收款应用自启动、关闭它的电池优化，再点“再试一次”。',
    en: 'On the phone, allow the app to start on its own and turn off its battery optimisation, then press "Try again".',
  },
  'care.stopped.secureLock.message': {
    'zh-CN': '手机设置了锁屏密码（PIN、图案或密码），无法自动解锁',
    en: 'The phone has a PIN, pattern or password, so the station cannot unlock it',
  },
  'care.stopped.secureLock.hint': {
    'zh-CN': '请手动解锁手机；收款手机建议把锁屏方式设为“无”或“滑动”。',
    en: 'Unlock the phone by hand; on a payment phone, set the screen lock to None or Swipe.',
  },
  'care.stopped.unsupported.message': {
    'zh-CN': '这台手机的 Android 版本不支持自动处理',
    en: "This phone's Android version cannot do this on its own",
  },
  'care.stopped.unsupported.hint': {
    'zh-CN': '请在手机上手动处理，处理好后会自动恢复收款。',
    en: 'Fix it on the phone by hand; it takes payments again once fixed.',
  },
  'care.stopped.needsPerson.message': {
    'zh-CN': '需要有人在手机上操作',
    en: 'Someone needs to do this on the phone',
  },
  'care.stopped.needsPerson.hint': {
    'zh-CN': '请查看手机屏幕并按提示操作。',
    en: 'Look at the phone and follow what it asks.',
  },
  'care.stopped.gaveUp.message': {
    'zh-CN': '自动处理连续失败 {count} 次，已停止重试',
    en: 'Fixing it automatically failed {count} times in a row; the station stopped trying',
  },
  'care.stopped.gaveUp.hint': {
    'zh-CN': '请查看手机；问题解决后会自动恢复收款，也可以点“再试一次”。',
    en: 'Look at the phone; it takes payments again once the problem is gone, or press "Try again".',
  },
  'device.reason.appNotAnswering.hint': {
    'zh-CN': '请确认收款应用已打开并保持在前台；系统会稍后重试。',
    en: 'Check that the phone app is open and in front; the station tries again shortly.',
  },
};

/** The text for `key` in `lang`, with `{name}` filled from `params`; the key itself when unknown. */
export function deviceText(
  key: string,
  lang: keyof LocalizedText,
  params?: Record<string, string | number>,
): string {
  const text = DEVICE_TEXTS[key]?.[lang] ?? key;
  return text.replace(/\{(\w+)\}/g, (m, name: string) =>
    params && name in params ? String(params[name]) : m,
  );
}
