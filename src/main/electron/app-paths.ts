import path from 'node:path';

export interface AppPaths {
  /** The SQLite file and `logs/` live here. */
  userData: string;
  logsDir: string;
  preload: string;
  rendererFile: string;
  /** The window icon (the tray draws its own, with live counts). */
  iconsDir: string;
  /** Where bundled `platform-tools/adb` is looked for, or null (adb from SDK or PATH). */
  resourcesPath: string | null;
}

/**
 * Where things are, packaged or not. Packaged, electron-builder's `extraResources` put
 * `icons/` and `platform-tools/` in the app's resources folder; from a checkout they are in
 * `resources/`, and bundled adb is left to the SDK or PATH (the checkout keeps platform-tools
 * per platform, `resources/platform-tools/<os>/`, for the packager only).
 */
export function resolveAppPaths(input: {
  userData: string;
  /** The folder of the main bundle (`out/main`). */
  mainDir: string;
  isPackaged: boolean;
  /** `process.resourcesPath`. */
  processResources: string;
}): AppPaths {
  const checkoutResources = path.resolve(input.mainDir, '../../resources');
  return {
    userData: input.userData,
    logsDir: path.join(input.userData, 'logs'),
    preload: path.join(input.mainDir, '../preload/index.js'),
    rendererFile: path.join(input.mainDir, '../renderer/index.html'),
    iconsDir: input.isPackaged
      ? path.join(input.processResources, 'icons')
      : path.join(checkoutResources, 'icons'),
    resourcesPath: input.isPackaged ? input.processResources : null,
  };
}
