import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// Built into web/dist and served by `eiso` from the same origin (SPA fallback to index.html).
// In development Vite proxies the API to a local `eiso serve`.
const backend = 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      '/api': backend,
      '/healthz': backend,
    },
  },
  build: {
    outDir: 'dist',
    chunkSizeWarningLimit: 1200,
    rollupOptions: {
      output: {
        // React changes less often than the app: its own chunk stays cached across releases.
        // Ant Design is left to Rollup, so each lazy page pulls only the components it uses.
        manualChunks: (id) =>
          /node_modules\/(react|react-dom|scheduler|react-router|react-router-dom|@remix-run)\//.test(id)
            ? 'react'
            : undefined,
      },
    },
  },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts'],
  },
});
