import { defineConfig, type Plugin } from 'vitest/config';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';
import { VitePWA } from 'vite-plugin-pwa';

/**
 * The Content-Security-Policy of the built app: scripts, workers and connections from our own
 * origin only, no eval, no plugins, no <base>. The e2e suite runs under it (e2e/csp.spec.ts).
 *
 * - `style-src 'unsafe-inline'`: Monaco writes its view lines as HTML strings with `style`
 *   attributes and adds <style> elements at run time (themes, decorations, the cursor), and
 *   React Flow positions every node with inline styles; in a static build none of them can
 *   carry a nonce, and with `style-src 'self'` the editor and the graph break (hundreds of
 *   violations). Inline styles cannot run script: the script policy stays strict.
 * - `img-src data:`: the favicon and Monaco's CSS icons are data: URIs.
 * - Monaco's workers, the engine worker and monaco-yaml's worker are files of our own origin:
 *   `worker-src 'self'`, no blob:.
 * - No `frame-ancestors` and no X-Frame-Options: other sites may embed the playground.
 * - The dev server sends none: Vite's dev client and React Refresh need inline scripts.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "worker-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** Puts the policy in the built index.html (a <meta> cannot carry frame-ancestors: none is wanted). */
function contentSecurityPolicyMeta(): Plugin {
  return {
    name: 'netplay-content-security-policy',
    apply: 'build',
    // Right after <meta charset>, before any script or style. Written by hand rather than as a
    // tag descriptor, which would escape every quote as &#39;.
    transformIndexHtml: (html) => {
      const meta = `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`;
      const charset = /<meta charset="[^"]*"\s*\/?>/i;
      return charset.test(html)
        ? html.replace(charset, (tag) => `${tag}\n    ${meta}`)
        : html.replace('<head>', `<head>\n    ${meta}`);
    },
  };
}

export default defineConfig({
  plugins: [
    react(),
    tailwindcss(),
    contentSecurityPolicyMeta(),
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
    rollupOptions: {
      // The engine is pure (lint-enforced: no DOM, no clock, no globals written), so its modules
      // have no side effects: the app may import a constant through the engine's one door
      // (src/engine/index.ts) without the whole engine landing in the first chunk.
      treeshake: { moduleSideEffects: (id: string) => !/[\\/]src[\\/]engine[\\/]/.test(id) },
    },
  },
  // The preview server (e2e, `npm start`) sends the same policy as a header, so the workers'
  // scripts are under it too (a <meta> only covers the document).
  preview: {
    headers: { 'Content-Security-Policy': CONTENT_SECURITY_POLICY },
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
