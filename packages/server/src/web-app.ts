import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * Where the built web app is: `packages/web/dist`, found through the workspace package so that
 * the server works from any current directory. Undefined when the app has not been built.
 */
export function findWebAppRoot(): string | undefined {
  try {
    const require = createRequire(import.meta.url);
    const manifest = require.resolve('@whiteroom/web/package.json');
    const dist = path.join(path.dirname(manifest), 'dist');
    return existsSync(path.join(dist, 'index.html')) ? dist : undefined;
  } catch {
    return undefined;
  }
}
