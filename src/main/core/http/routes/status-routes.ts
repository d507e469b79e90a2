import type { FastifyInstance } from 'fastify';
import { devicesResponseSchema, healthResponseSchema } from '../../../../shared/api/status-schemas';
import { fleetViewSchema } from '../../../../shared/fleet/fleet-schemas';
import type { AdbStatus } from '../../devices/device-types';
import type { DeviceView } from '../../payments/device-view';
import { combineDeviceView } from '../../payments/device-view';
import type { ApiContext } from '../api-context';
import { iso } from '../../../../shared/api/wire';
import { toDeviceDto } from '../api-dto';

function adbDto(status: AdbStatus): { kind: AdbStatus['kind']; detail?: string } {
  return 'detail' in status ? { kind: status.kind, detail: status.detail } : { kind: status.kind };
}

/** State for the backend's dashboards and health checks; also signed, like every route. */
export function registerStatusRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const { devices, phones, care, table } = ctx;
  // Phones as the window shows them: busy and settling come from the engine, not the devices.
  const shown = (): DeviceView[] =>
    devices.list().map((d) => combineDeviceView(d, phones.current(d.serial), care.view(d.serial)));

  table.add(app, {
    method: 'GET',
    path: '/devices',
    operationId: 'listDevices',
    summary:
      'The payment phones and the adb server; the states are listed in this document under GET /devices.',
    responses: { 200: { description: 'Devices.', schema: devicesResponseSchema } },
    async handler() {
      return { devices: shown().map(toDeviceDto), adb: adbDto(devices.adbStatus()) };
    },
  });

  table.add(app, {
    method: 'GET',
    path: '/fleet',
    operationId: 'fleet',
    summary:
      "Fleet mode (docs/FLEET.md): every station sharing this one's Redis, and claims of stations that are gone. enabled: false when the station runs alone.",
    responses: { 200: { description: 'The fleet.', schema: fleetViewSchema } },
    async handler() {
      return ctx.fleet.view();
    },
  });

  table.add(app, {
    method: 'GET',
    path: '/health',
    operationId: 'health',
    summary: 'Liveness and a summary of the station.',
    responses: { 200: { description: 'The station is up.', schema: healthResponseSchema } },
    async handler() {
      const list = shown();
      const now = ctx.clock.now();
      return {
        status: 'ok',
        version: ctx.version,
        time: iso(now),
        uptimeSec: Math.max(0, Math.floor((now - ctx.startedAt) / 1000)),
        adb: adbDto(devices.adbStatus()),
        devices: {
          total: list.length,
          ready: list.filter((d) => d.state === 'ready').length,
          busy: list.filter((d) => d.state === 'busy').length,
        },
        longPollWaiters: ctx.waiters.count,
        extra: ctx.healthExtras(),
      };
    },
  });

  table.add(app, {
    method: 'GET',
    path: '/openapi.json',
    operationId: 'openapi',
    summary: 'This document, generated from the zod schemas that validate the requests.',
    responses: { 200: { description: 'OpenAPI 3.1.' } },
    async handler() {
      return ctx.openApi();
    },
  });
}
