import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/** The web UI: sources in web/, built into dist/web/ (served by the app); `vite` dev server proxies the API to :8080. */
export default defineConfig({
  root: 'web',
  plugins: [react()],
  build: { outDir: '../dist/web', emptyOutDir: true, sourcemap: true },
  server: {
    port: 5173,
    proxy: { '/api': 'http://localhost:8080' },
  },
});
