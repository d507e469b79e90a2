import type { DeviceDiagnosticsRecord, DeviceRecord } from '../../../../shared/contract/record-schemas';

/**
 * The plain-text bundle the cashier copies for support: the phone, each check's verdict, and
 * every raw output behind them, exactly as the phone printed it.
 */
export function diagnosticsText(device: DeviceRecord, d: DeviceDiagnosticsRecord): string {
  const head = [
    `Cashier Station diagnostics for ${d.serial}`,
    `phone: ${[device.brand, device.model].filter(Boolean).join(' ') || '?'}; Android ${device.androidVersion ?? '?'}; ROM ${device.rom ?? '?'}`,
    `state: ${device.state}${device.reason ? ` (${device.reason.code})` : ''}`,
    '',
    'checks:',
    ...d.health.map(
      (h) =>
        `  ${h.name}: ${h.status}${h.detail ? ` (${h.detail})` : ''}${h.command ? ` [${h.command}]` : ''}`,
    ),
  ];
  const outputs = d.outputs.flatMap((o) => [
    '',
    `===== ${o.command} (${new Date(o.at).toISOString()})${o.truncated ? ' [truncated]' : ''} =====`,
    o.output,
  ]);
  return [...head, ...outputs].join('\n');
}
