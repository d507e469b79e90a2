import type { AdbDeviceType } from '../adb/adb-port';
import type { DeriveContext, DeviceFacts } from './derive-device-state';
import { deriveDeviceState } from './derive-device-state';
import { deviceReason } from './device-reasons';
import type { DeviceSnapshot, HealthCheckResult } from './device-types';

export interface DeviceProps {
  model: string | null;
  brand: string | null;
  androidVersion: string | null;
  /** The vendor ROM and its version, e.g. `MIUI V125`, from its getprop marker. */
  rom: string | null;
}

export interface DeviceEntry {
  serial: string;
  /** Bumped on every (re)attach; async results of an older attach are dropped. */
  generation: number;
  facts: DeviceFacts;
  props: DeviceProps;
  firstSeenAt: number;
  snapshot: DeviceSnapshot;
}

export type DeviceTable = ReadonlyMap<string, DeviceEntry>;

export type DeviceAction =
  | { type: 'adb-state'; serial: string; adbType: AdbDeviceType; rawType: string; at: number }
  | { type: 'adb-gone'; serial: string; at: number }
  | { type: 'server-lost'; at: number }
  | {
      type: 'probed';
      serial: string;
      generation: number;
      props: DeviceProps;
      health: HealthCheckResult[];
      at: number;
    }
  | { type: 'probe-failed'; serial: string; generation: number; error: string; at: number }
  | { type: 'health'; serial: string; generation: number; health: HealthCheckResult[]; at: number }
  | {
      type: 'forward';
      serial: string;
      generation: number;
      localPort: number | null;
      error: string | null;
      at: number;
    };

export interface DeviceChange {
  kind: 'added' | 'changed' | 'removed';
  snapshot: DeviceSnapshot;
}

export interface ReduceResult {
  table: DeviceTable;
  changes: DeviceChange[];
}

function snapshotOf(e: Omit<DeviceEntry, 'snapshot'>, ctx: DeriveContext, at: number): DeviceSnapshot {
  const { state, reason } = deriveDeviceState(e.facts, ctx);
  return {
    serial: e.serial,
    state,
    reason,
    model: e.props.model,
    brand: e.props.brand,
    androidVersion: e.props.androidVersion,
    rom: e.props.rom,
    localPort: e.facts.localPort,
    health: e.facts.health,
    firstSeenAt: e.firstSeenAt,
    updatedAt: at,
  };
}

/**
 * Same as far as a listener cares: everything but time stamps. A health re-check that finds
 * nothing new refreshes the stored snapshot without an event, so listeners are not woken every
 * health interval for every phone.
 */
function sameSnapshot(a: DeviceSnapshot, b: DeviceSnapshot): boolean {
  const strip = (s: DeviceSnapshot) => ({
    ...s,
    updatedAt: 0,
    health: s.health.map((h) => ({ ...h, checkedAt: 0 })),
  });
  return JSON.stringify(strip(a)) === JSON.stringify(strip(b));
}

/** Facts of a phone whose probe must run again: nothing read for this attach is trusted. */
function freshAttach(f: DeviceFacts, adbType: AdbDeviceType, rawType: string): DeviceFacts {
  return {
    ...f,
    adbType,
    rawType,
    serverDown: false,
    probe: 'pending',
    probeError: null,
    forwardError: null,
  };
}

/**
 * The device table as a pure function of what adb and the phone's checks said. It never touches a socket: the
 * manager feeds it what adb said and emits the changes it returns.
 */
export function reduceDevices(table: DeviceTable, action: DeviceAction, ctx: DeriveContext): ReduceResult {
  const next = new Map(table);
  const changes: DeviceChange[] = [];

  function put(prev: DeviceEntry | undefined, e: Omit<DeviceEntry, 'snapshot'>, at: number): void {
    const snapshot = snapshotOf(e, ctx, at);
    if (prev && sameSnapshot(prev.snapshot, snapshot)) {
      // Keep when it last changed; take the fresh check times.
      next.set(e.serial, { ...e, snapshot: { ...snapshot, updatedAt: prev.snapshot.updatedAt } });
      return;
    }
    next.set(e.serial, { ...e, snapshot });
    changes.push({ kind: prev ? 'changed' : 'added', snapshot });
  }

  switch (action.type) {
    case 'adb-state': {
      const prev = table.get(action.serial);
      if (!prev) {
        const facts: DeviceFacts = {
          adbType: action.adbType,
          rawType: action.rawType,
          serverDown: false,
          probe: 'pending',
          probeError: null,
          health: [],
          localPort: null,
          forwardError: null,
        };
        const props = { model: null, brand: null, androidVersion: null, rom: null };
        put(
          undefined,
          { serial: action.serial, generation: 1, facts, props, firstSeenAt: action.at },
          action.at,
        );
        break;
      }
      const f = prev.facts;
      // Coming (back) online, or a server that came back: read everything again.
      const reattach = f.serverDown || (action.adbType === 'device' && f.adbType !== 'device');
      if (!reattach && f.adbType === action.adbType && f.rawType === action.rawType) break;
      const facts = reattach
        ? freshAttach(f, action.adbType, action.rawType)
        : { ...f, adbType: action.adbType, rawType: action.rawType };
      put(prev, { ...prev, generation: prev.generation + (reattach ? 1 : 0), facts }, action.at);
      break;
    }
    case 'adb-gone': {
      const prev = table.get(action.serial);
      if (!prev) break;
      next.delete(action.serial);
      changes.push({
        kind: 'removed',
        snapshot: {
          ...prev.snapshot,
          state: 'gone',
          reason: deviceReason('DEVICE_GONE'),
          localPort: null,
          updatedAt: action.at,
        },
      });
      break;
    }
    case 'server-lost':
      for (const prev of table.values()) {
        // The server's forwards died with it.
        const facts = { ...prev.facts, serverDown: true, localPort: null };
        put(prev, { ...prev, generation: prev.generation + 1, facts }, action.at);
      }
      break;
    case 'probed':
    case 'probe-failed':
    case 'health':
    case 'forward': {
      const prev = table.get(action.serial);
      if (!prev || prev.generation !== action.generation) break;
      let facts = prev.facts;
      let props = prev.props;
      if (action.type === 'probed') {
        facts = { ...facts, probe: 'done', probeError: null, health: action.health };
        props = action.props;
      } else if (action.type === 'probe-failed')
        facts = { ...facts, probe: 'failed', probeError: action.error };
      else if (action.type === 'health') facts = { ...facts, health: action.health };
      else facts = { ...facts, localPort: action.localPort, forwardError: action.error };
      put(prev, { ...prev, facts, props }, action.at);
      break;
    }
  }
  return { table: next, changes };
}
