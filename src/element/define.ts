/** Registers `<voip-softphone>` (once, even if two copies of the package are loaded). */
import { VoipSoftphone } from './voip-softphone.js';

export const TAG_NAME = 'voip-softphone';

if (!customElements.get(TAG_NAME)) customElements.define(TAG_NAME, VoipSoftphone);

declare global {
  interface HTMLElementTagNameMap {
    'voip-softphone': VoipSoftphone;
  }
}
