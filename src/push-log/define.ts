/** Registers `<voip-push-log>` (once). `import 'voip-softphone/push-log'`. */
import { VoipPushLog } from './voip-push-log.js';

if (!customElements.get('voip-push-log')) customElements.define('voip-push-log', VoipPushLog);

declare global {
  interface HTMLElementTagNameMap {
    'voip-push-log': VoipPushLog;
  }
}
