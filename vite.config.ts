import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/** The web UI: sources in web/, built into dist/web/ (served by the app); `vite` dev server proxies the API to :8080. */
export default defineConfig({
  root: 'web',
  plugins: [react()],
  // One internal app, loaded once and then cached as immutable: a single ~550 kB bundle is fine.
  build: { outDir: '../dist/web', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 800 },
  server: {
    port: 5173,
    proxy: { '/api': 'http://localhost:8080' },
  },
});
