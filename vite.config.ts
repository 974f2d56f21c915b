import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';
import { VitePWA } from 'vite-plugin-pwa';

export default defineConfig({
  plugins: [
    react(),
    tailwindcss(),
    // Offline: a Workbox service worker precaching every built file (app, Monaco, workers,
    // lessons). Registered by src/app/features/offline (no inline script); the manifest and icons
    // live in public/. Relative base and scope, so dist/ works under any sub-path.
    VitePWA({
      injectRegister: false,
      registerType: 'prompt',
      manifest: false,
      workbox: {
        globPatterns: ['**/*.{js,css,html,ttf,woff2,svg,png,webmanifest}'],
        // Monaco's editor chunk is ~3 MB raw; Workbox skips files over 2 MiB by default.
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
      },
    }),
  ],
  base: './',
  build: {
    manifest: true,
    chunkSizeWarningLimit: 4000,
  },
  worker: { format: 'es' },
  optimizeDeps: {
    include: ['yaml', 'monaco-yaml/yaml.worker.js'],
  },
  test: {
    include: ['src/**/*.test.ts', 'tests/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20000,
  },
});
