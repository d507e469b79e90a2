import { createHash } from 'node:crypto';

/** How a profile's Android lays out installed APKs, as the corpus's `pm path` captures show. */
export type ApkLayout =
  /** Android 5–7: `/data/app/<pkg>-1/base.apk`. */
  | 'numbered'
  /** Android 8–10: `/data/app/<pkg>-<22 base64url chars>==/base.apk`. */
  | 'hashed'
  /** Android 11+: `/data/app/~~<22>==/<pkg>-<22>==/base.apk`. */
  | 'random-dir';

/** 22 base64url characters, stable for a package, like the random part of an APK folder. */
function token(pkg: string, salt: string): string {
  return createHash('sha256').update(`${salt}:${pkg}`).digest('base64url').slice(0, 22);
}

/**
 * `pm path <pkg>` (PackageManagerShellCommand `runPath`): `package:` + the base APK's path for
 * an installed package, and nothing at all for one that is not.
 */
export function renderPmPath(pkg: string, installed: boolean, layout: ApkLayout): string {
  if (!installed) return '';
  const dir =
    layout === 'numbered'
      ? `/data/app/${pkg}-1`
      : layout === 'hashed'
        ? `/data/app/${pkg}-${token(pkg, 'a')}==`
        : `/data/app/~~${token(pkg, 'b')}==/${pkg}-${token(pkg, 'c')}==`;
  return `package:${dir}/base.apk\n`;
}
