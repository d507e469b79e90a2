import type { DemoTimings } from './demo-args';

export interface WatchListInput {
  timings: DemoTimings;
  wedgePhone: string;
  apiUrl: string;
  uiUrl: string | null;
  credentials: { key: string; secret: string };
  mode: 'serve' | 'electron';
  /** Where the simulated printer writes its tickets; none: no printer line. */
  ticketsFile?: string | null;
}

/** What a newcomer should look at, printed once the phones are ready. */
export function watchList(input: WatchListInput): string[] {
  const { timings } = input;
  const pace = `${timings.answerMs[0] / 1000}-${timings.answerMs[1] / 1000} s`;
  const where = input.mode === 'electron' ? 'the desktop window' : 'the browser window';
  return [
    'What to watch for',
    `  In ${where} (the cashier's view):`,
    '  1. Orders: each new order lands on the board and is announced by voice; a rush reminder',
    '     raises a badge and a count on its order and is announced first. Press 接单 (accept) to stop the repeats.',
    `  2. Payments: each phone's lane shows the payment it is paying; a phone "pays" in ${pace}, then`,
    '     the payment turns succeeded and the voice says the amount ("支付宝到账…元").',
    `  3. The wedge: one payment goes to ${input.wedgePhone}, whose app never reports. After`,
    `     ${timings.resultTimeoutSec} s it becomes "unknown" (付款 → 待人工确认: confirm it by hand), ${input.wedgePhone}`,
    `     has its app restarted, rests ${timings.settleSec} s out of rotation, and comes back ready. No payment is sent twice.`,
    '  4. Devices: 3 phones with model, Android version and health checks.',
    ...(input.ticketsFile
      ? [
          '  5. Tickets: every new order prints on a simulated receipt printer (ESC/POS, GB18030, 58 mm);',
          `     read them as the kitchen would in ${input.ticketsFile}. Each card has 补打 (reprint).`,
        ]
      : []),
    '  If the browser blocks sound, click once anywhere in the page.',
    "  In this terminal (the backend's view): backend → what it posts, backend ← long-poll answers,",
    '  callback ← signed callbacks it receives, device … what GET /devices shows.',
    `  Try the API yourself: STATION_URL=${input.apiUrl} STATION_API_KEY=${input.credentials.key} \\`,
    `    STATION_API_SECRET=${input.credentials.secret} node examples/sign-request.mjs GET /api/v1/health`,
  ];
}
