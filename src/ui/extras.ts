/**
 * loadExtras(): the code the first pop does not need (recent calls, lookup, colleagues, the
 * transfer form, the desktop client…), loaded after the login so the script-tag file stays small
 * (issue 15 item 9). One load per page: the promise is kept; a failed load becomes a VoipError
 * (-1, network) and the next call tries again. What is in it: ./extras-entry.ts.
 */
import { ResultCode, VoipError } from '../protocol/index.js';
import { importExtras } from './extras-import.js';

export type Extras = Awaited<ReturnType<typeof importExtras>>;

let loading: Promise<Extras> | undefined;
let loaded: Extras | undefined;

/**
 * The extras if they have arrived, else undefined; never asks for them. For what renders often
 * (the call timer renders each second): it checks here at each render and asks with loadExtras()
 * only now and then, so a failed load is picked up once any later load succeeds.
 */
export function loadedExtras(): Extras | undefined {
  return loaded;
}

/**
 * Asks for the extras and renders `host` again once they are there, for what only shows with
 * them (loadedExtras() at the next render). A failed load is not reported here: what needs the
 * extras to act reports it (recent calls, caller info, a desktop command), and any later load
 * that succeeds makes the parts appear.
 */
export function renderWhenExtrasArrive(host: { requestUpdate(): void }): void {
  loadExtras().then(
    () => host.requestUpdate(),
    () => {},
  );
}

export function loadExtras(): Promise<Extras> {
  loading ??= importExtras().then((extras) => (loaded = extras)).catch((cause: unknown) => {
    loading = undefined;
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new VoipError(ResultCode.Network, `the softphone's extra features could not be loaded: ${reason}`, { cause });
  });
  return loading;
}
