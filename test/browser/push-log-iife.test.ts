/**
 * The built script file of `<voip-push-log>` (dist/voip-push-log.iife.js, made by `npm run build`
 * before the browser tests) registers the element, as a `<script src>` page expects. This file
 * imports nothing of src/push-log: only the script tag can define the element here.
 */
import { expect } from '@open-wc/testing';

describe('dist/voip-push-log.iife.js', () => {
  it('defines <voip-push-log> when loaded by a script tag', async () => {
    expect(customElements.get('voip-push-log'), 'not defined before the script').to.equal(undefined);
    const script = document.createElement('script');
    script.src = '/dist/voip-push-log.iife.js';
    const loaded = new Promise((resolve, reject) => {
      script.onload = resolve;
      script.onerror = () => reject(new Error('the built file did not load: run npm run build'));
    });
    document.head.append(script);
    await loaded;
    const defined = customElements.get('voip-push-log');
    expect(defined, 'registered by the script').to.not.equal(undefined);
    expect((window as unknown as { VoipPushLog: { VoipPushLog: unknown } }).VoipPushLog.VoipPushLog).to.equal(defined);
    const el = document.createElement('voip-push-log');
    document.body.append(el);
    await (el as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
    expect(el.shadowRoot, 'it renders').to.not.equal(null);
    // The built file's MD5 is spark-md5 cut to SparkMD5.hash (scripts/spark-md5-hash-only.mjs):
    // digests of an ASCII and a non-Latin password (from Node's crypto).
    const field = el as HTMLElement & { password: string; passwordMd5: string };
    field.password = '02367073578';
    expect(field.passwordMd5).to.equal('cbca51a420dd10423a9acc4db8041d5a');
    field.password = '密码 pässwörd 🙂';
    expect(field.passwordMd5).to.equal('8af91b6f7f393e9136ceb9fc0fbca3a8');
    el.remove();
  });
});
