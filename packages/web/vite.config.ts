import { defineConfig } from 'vite';

/**
 * The dev server forwards the server's paths to a running Whiteroom, so that the app can be
 * worked on with `npm run dev -w @whiteroom/web` next to `npx whiteroom serve --port 18095`.
 */
const target = process.env.WHITEROOM_DEV_SERVER ?? 'http://127.0.0.1:18095';

export default defineConfig({
  base: '/',
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', assetsInlineLimit: 0 },
  server: {
    proxy: {
      '/v5': { target, ws: true },
      '/app': { target },
      '/uploads': { target },
      '/docs': { target },
    },
  },
});
