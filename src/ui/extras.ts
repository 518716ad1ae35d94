/**
 * loadExtras(): the code the first pop does not need (the recent-calls seed, the colleagues
 * list…), loaded on first use so the script-tag file stays small (issue 15 item 9). One load per
 * page: the promise is kept; a failed load becomes a VoipError (-1, network) and the next call
 * tries again. What is in it: ./extras-entry.ts.
 */
import { ResultCode, VoipError } from '../protocol/index.js';
import { importExtras } from './extras-import.js';

export type Extras = Awaited<ReturnType<typeof importExtras>>;

let loading: Promise<Extras> | undefined;

export function loadExtras(): Promise<Extras> {
  loading ??= importExtras().catch((cause: unknown) => {
    loading = undefined;
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new VoipError(ResultCode.Network, `the softphone's extra features could not be loaded: ${reason}`, { cause });
  });
  return loading;
}
