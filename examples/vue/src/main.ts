import { createApp } from 'vue';
// Registers <voip-softphone> (once, at start-up).
import 'voip-softphone';
// Types <voip-softphone> in templates (vue-tsc): its attributes, properties and @voip-* events.
import type {} from 'voip-softphone/types/vue';
import App from './App.vue';

createApp(App).mount('#app');
