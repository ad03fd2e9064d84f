import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { webAliases } from './aliases';

const here = path.dirname(fileURLToPath(import.meta.url));

/** One build, three apps: `/` (tablet), `/admin` (store staff), `/superadmin`. */
export default defineConfig({
  root: here,
  base: '/',
  plugins: [react()],
  resolve: { alias: webAliases },
  build: {
    outDir: path.resolve(here, '../dist/web'),
    emptyOutDir: true,
    sourcemap: true,
    rollupOptions: {
      input: {
        customer: path.resolve(here, 'index.html'),
        admin: path.resolve(here, 'admin/index.html'),
        superadmin: path.resolve(here, 'superadmin/index.html'),
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: 'http://localhost:8000', changeOrigin: false },
      '/uploads': 'http://localhost:8000',
      '/health': 'http://localhost:8000',
    },
  },
});
