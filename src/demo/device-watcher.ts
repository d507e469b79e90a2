import type { DeviceDto } from '../shared/api/status-schemas';
import type { ApiClient } from '../../test/support/api-client';
import type { DemoLog } from './demo-log';

export interface DeviceWatcher {
  /** Resolves once `count` phones are ready (or rejects after `timeoutMs`). */
  waitReady(count: number, timeoutMs: number): Promise<DeviceDto[]>;
  /** Times a phone came back to `ready` after needing attention (the wedge recovery). */
  readonly recoveries: number;
  stop(): void;
}

function describe(d: DeviceDto): string {
  if (d.state === 'busy' && d.busyWith) return `busy (paying ${d.busyWith})`;
  return d.reason ? `${d.state} (${d.reason.code})` : d.state;
}

/** Polls `GET /devices` as a backend dashboard would and prints every state change. */
export function watchDevices(
  client: ApiClient,
  log: DemoLog,
  name: (serial: string) => string,
): DeviceWatcher {
  const last = new Map<string, string>();
  const troubled = new Set<string>();
  let latest: DeviceDto[] = [];
  let recoveries = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;

  async function tick(): Promise<void> {
    const res = await client.send({ method: 'GET', target: '/api/v1/devices' }).catch(() => null);
    if (res?.status === 200) {
      latest = (res.json as { devices: DeviceDto[] }).devices;
      for (const d of latest) {
        const now = describe(d);
        if (last.get(d.serial) !== now) {
          last.set(d.serial, now);
          log.line('device', `${name(d.serial)} is ${now}`);
        }
        if (d.state === 'needs-attention' || d.state === 'app-down') troubled.add(d.serial);
        if (d.state === 'ready' && troubled.delete(d.serial)) {
          recoveries++;
          log.line('device', `${name(d.serial)} recovered: its app was restarted and it is back in rotation`);
        }
      }
    }
    if (!stopped) timer = setTimeout(() => void tick(), 500);
  }
  void tick();

  return {
    async waitReady(count, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const ready = latest.filter((d) => d.state === 'ready');
        if (ready.length >= count) return ready;
        if (Date.now() > deadline) {
          throw new Error(
            `only ${ready.length} of ${count} phones became ready within ${timeoutMs / 1000} s`,
          );
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    get recoveries() {
      return recoveries;
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
