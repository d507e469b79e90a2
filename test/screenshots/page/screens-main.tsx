import { createRoot } from 'react-dom/client';
import type { ViewName } from '../../../src/renderer/src/App';
import { App, VIEWS } from '../../../src/renderer/src/App';
import type { StationClient } from '../../../src/renderer/src/api/client';
import { createI18n } from '../../../src/renderer/src/i18n/create-i18n';
import '../../../src/renderer/src/styles.css';
import type { Language } from '../../../src/shared/settings/language';
import { FLEET_OFF } from '../../../src/shared/fleet/fleet-schemas';
import { UPDATES_OFF } from '../../../src/shared/contract/update-schemas';
import type { PrintJobRecord } from '../../../src/shared/contract/print-schemas';
import { createFakeStation } from '../../support/fake-station';
import { seedBusyShop } from '../../support/fake-station-seed';

// The real App over the fake station, for screenshots: ?view=orders&lang=en&adb=missing&fleet=off&update=ready
const params = new URLSearchParams(location.search);
const view = (params.get('view') ?? 'orders') as ViewName;
const lang = (params.get('lang') ?? 'zh-CN') as Language;
const now = Date.now();
const fake = createFakeStation(now);
seedBusyShop(fake, now);
fake.settings = { ...fake.settings, language: lang };
const adb = params.get('adb');
if (adb === 'missing') fake.adb = { kind: 'missing', detail: 'spawn adb ENOENT' };
if (adb === 'conflict')
  fake.adb = { kind: 'conflict', detail: "adb server version (41) doesn't match this client (39)" };
if (params.get('fleet') === 'off') fake.fleet = FLEET_OFF;
// ?update=ready|waiting (install now asked, a payment going on)|down (the server unreachable)
const update = params.get('update');
if (update === 'ready' || update === 'waiting')
  fake.update = {
    ...UPDATES_OFF,
    phase: 'ready',
    version: '0.2.0',
    installRequested: update === 'waiting',
    waitingForPayments: update === 'waiting',
    checkedAt: now - 600_000,
  };
if (update === 'down')
  fake.update = {
    ...UPDATES_OFF,
    phase: 'idle',
    lastError: 'net::ERR_CONNECTION_REFUSED',
    checkedAt: now - 600_000,
  };
// ?printer=80 or ?printer=58: a network printer set up, on that paper; ?printer=failing: one that is off.
const printer = params.get('printer');
if (printer) {
  fake.settings = {
    ...fake.settings,
    printer: {
      ...fake.settings.printer,
      type: 'network',
      address: 'tcp://192.168.1.50:9100',
      paperWidth: printer === '80' ? 80 : 58,
      shopName: '老王牛肉面',
    },
  };
  fake.printer =
    printer === 'failing'
      ? {
          ...fake.printer,
          type: 'network',
          state: 'failing',
          pending: 2,
          lastErrorCode: 'PRINTER_OFFLINE',
          lastError: '打印机未连接: nothing answered at 192.168.1.50:9100 (ECONNREFUSED).',
        }
      : { ...fake.printer, type: 'network', state: 'ok' };
  // Cards in each print state: failed (red, with the error), retrying, printed.
  const printed = (orderNo: string, patch: Partial<PrintJobRecord>) => {
    const o = fake.orders.get(orderNo);
    if (!o) return;
    const job: PrintJobRecord = {
      id: fake.printJobs.length + 1,
      kind: 'order',
      orderNo,
      status: 'printed',
      attempts: 1,
      lastErrorCode: null,
      lastError: null,
      createdAt: o.createdAt,
      updatedAt: o.createdAt,
      printedAt: o.createdAt,
      ...patch,
    };
    fake.printJobs.push(job);
    fake.orders.set(orderNo, { ...o, print: job });
  };
  const offline = '打印机未连接: nothing answered at 192.168.1.50:9100 (ECONNREFUSED).';
  if (printer === 'failing') {
    printed('A1024', {
      status: 'pending',
      attempts: 3,
      lastErrorCode: 'PRINTER_OFFLINE',
      lastError: offline,
    });
    printed('A1023', { status: 'failed', attempts: 8, lastErrorCode: 'PRINTER_OFFLINE', lastError: offline });
  }
  for (const o of [...fake.orders.values()]) if (!o.print) printed(o.orderNo, {});
}
const speakingText = params.get('speaking');
// A stable snapshot, as useSyncExternalStore requires.
const speakingState = { speaking: speakingText ? { text: speakingText } : null };
// For ad-hoc measurements from playwright (e.g. pushing thousands of orders).
(window as unknown as { __fakeStation: typeof fake }).__fakeStation = fake;
const client: StationClient = {
  bridge: fake,
  transport: 'electron',
  onConnectionChange: () => () => {},
  isConnected: () => true,
};
createRoot(document.getElementById('root')!).render(
  <App
    client={client}
    i18n={createI18n(lang)}
    initialView={VIEWS.includes(view) ? view : 'orders'}
    voice={{ subscribe: () => () => {}, getState: () => speakingState }}
    onVoiceTest={() => undefined}
  />,
);
