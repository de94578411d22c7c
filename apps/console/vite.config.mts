import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('.', import.meta.url));
const workspace = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The console's front end: React, built by Vite through Nx (@nx/vite:build),
 * into dist/apps/console where the console's server serves it. The
 * workspace's libs (the contracts' zod schemas) resolve by their aliases.
 */
export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  resolve: {
    alias: {
      '@homeward/contracts': `${workspace}libs/contracts/src/index.ts`,
      '@homeward/auth/permissions': `${workspace}libs/auth/src/policy/permissions.ts`,
    },
  },
  build: {
    outDir: `${workspace}dist/apps/console`,
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: true,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3005', '/auth': 'http://127.0.0.1:3005' },
  },
});
