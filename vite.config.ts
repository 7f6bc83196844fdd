import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The web app lives in web/ and is built into dist/web, which the server serves with an SPA
// fallback and a strict CSP (no inline scripts): keep everything in external, hashed assets.
const here = import.meta.dirname;

export default defineConfig({
  root: path.join(here, 'web'),
  base: '/',
  plugins: [react()],
  build: {
    outDir: path.join(here, 'dist', 'web'),
    emptyOutDir: true,
    sourcemap: true,
    // Inline nothing as data: URLs into scripts; the CSP allows data: only for images and fonts.
    assetsInlineLimit: 0,
  },
  server: {
    proxy: { '/api': { target: 'http://127.0.0.1:8080', changeOrigin: false } },
  },
});
