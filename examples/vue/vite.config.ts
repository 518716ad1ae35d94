import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [
    vue({
      // <voip-softphone> is a custom element, not a Vue component: Vue passes its attributes,
      // properties and @event listeners straight to the element.
      template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('voip-') } },
    }),
  ],
});
