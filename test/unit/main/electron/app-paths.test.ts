import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAppPaths } from '../../../../src/main/electron/app-paths';

describe('resolveAppPaths', () => {
  const base = { userData: '/home/c/.config/Cashier Station', mainDir: '/app/out/main' };

  it('uses the checkout resources and no bundled adb when not packaged', () => {
    const p = resolveAppPaths({ ...base, isPackaged: false, processResources: '/electron/resources' });
    expect(p.logsDir).toBe(path.join(base.userData, 'logs'));
    expect(p.preload).toBe(path.join('/app/out/preload/index.js'));
    expect(p.rendererFile).toBe(path.join('/app/out/renderer/index.html'));
    expect(p.iconsDir).toBe(path.join('/app/resources/icons'));
    expect(p.resourcesPath).toBeNull();
  });

  it('uses the packaged resources folder (extraResources) when packaged', () => {
    const p = resolveAppPaths({ ...base, isPackaged: true, processResources: '/opt/cs/resources' });
    expect(p.iconsDir).toBe(path.join('/opt/cs/resources/icons'));
    expect(p.resourcesPath).toBe('/opt/cs/resources');
  });
});
