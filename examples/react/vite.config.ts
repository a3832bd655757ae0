import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The page is served by Vite; its backend is the example host portal (`npm start` at the
 * repository root runs it on port 8081), reached through a development proxy: `/api/*` answers
 * the Interview Kit server's URL and the participant's tokens, so the API key stays on the portal.
 * PORTAL_URL points the proxy at another portal.
 */
const portal = process.env.PORTAL_URL || 'http://127.0.0.1:8081';

export default defineConfig({
  plugins: [react()],
  // The room with its editor and collaboration is one chunk of ~300 KiB gzip; video loads lazily.
  build: { chunkSizeWarningLimit: 1500 },
  server: { host: '127.0.0.1', port: 5173, strictPort: true, proxy: { '/api': portal } },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true, proxy: { '/api': portal } },
});
