import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { UiServer } from '../../../../../src/main/core/bridge/ui-server';
import { startUiServer } from '../../../../../src/main/core/bridge/ui-server';
import { createWsBridge } from '../../../../../src/renderer/src/api/ws-bridge';
import { createFakeBridgeCore } from '../../../../support/fake-bridge-core';

describe('startUiServer', () => {
  let ui: UiServer | null = null;
  afterEach(async () => {
    await ui?.close();
    ui = null;
  });

  it('serves the page and the bridge on one loopback port behind one token', async () => {
    const root = mkdtempSync(join(tmpdir(), 'ui-server-'));
    writeFileSync(join(root, 'index.html'), '<html>ui</html>');
    const core = createFakeBridgeCore();
    ui = await startUiServer({ core, rootDir: root });
    expect(ui.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}$/);

    const page = await fetch(ui.url);
    expect(await page.text()).toBe('<html>ui</html>');
    expect((await fetch(ui.url.replace(/\?token=.*/, ''))).status).toBe(403);

    const wsUrl = ui.url.replace('http://', 'ws://').replace('/?token=', '/station-ws?token=');
    const bridge = createWsBridge({ url: wsUrl, createSocket: (u) => new WebSocket(u) });
    core.addOrder('A7');
    expect((await bridge.invoke('orders:list', {})).orders.map((o) => o.orderNo)).toEqual(['A7']);
    bridge.close();
  });
});
