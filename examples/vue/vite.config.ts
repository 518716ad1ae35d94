import vue from '@vitejs/plugin-vue';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [
    vue({
      // <voip-softphone> is a custom element, not a Vue component: Vue passes its attributes,
      // properties and @event listeners straight to the element.
      template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('voip-') } },
    }),
  ],
  resolve: {
    // This example uses the repository's own build (`npm run build` in ../..). In your app,
    // `npm install voip-softphone` and leave this alias out.
    alias: [{ find: /^voip-softphone$/, replacement: fileURLToPath(new URL('../../dist/index.js', import.meta.url)) }],
  },
});
