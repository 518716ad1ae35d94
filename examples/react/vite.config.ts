import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  resolve: {
    // This example uses the repository's own build (`npm run build` in ../..). In your app,
    // `npm install voip-softphone` and leave this alias out.
    alias: [{ find: /^voip-softphone$/, replacement: fileURLToPath(new URL('../../dist/index.js', import.meta.url)) }],
  },
});
