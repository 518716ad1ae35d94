/**
 * The caller's region (docs/contract.md `call.area`, part `area`): findDialrecord's `cdrPhoneArea`
 * (docs/800ing-api.md §7). Asked once per call, in the background: the card pops with the number and shows the
 * region when (and if) the server gives one.
 */
import type { VoipClient } from '../client/index.js';
import type { VoipError } from '../protocol/index.js';
import { CallState, type Call } from '../session/index.js';
import { toCallId } from '../protocol/normalize.js';
import { lineKey } from './call-key.js';
import { reportUnlessAborted } from './report.js';

/**
 * Internal calls show a short extension (docs/800ing-api.md §7.1: fewer than 5 digits), which has no region:
 * no request for those.
 */
const MIN_AREA_DIGITS = 5;

/** Calls remembered per client; older ones are long gone from the screen. */
const REMEMBERED = 100;

export interface AreaOptions {
  /** Aborts the request; a later ask for the same call asks again. */
  signal?: AbortSignal;
  /** The request failed (an abort is not reported). */
  onError?: (error: VoipError) => void;
}

const asked = new WeakMap<VoipClient, Map<string, Promise<string | undefined>>>();

/**
 * The region of `call`'s number, or undefined when the server gives none. A finished call with a
 * real id is looked up by it; a live one by its number, whose latest record names the same region
 * (the server has no record of a call until it ends, docs/800ing-api.md §7). Never rejects.
 */
export function callAreaOf(client: VoipClient, call: Call, options: AreaOptions = {}): Promise<string | undefined> {
  if (call.phone.replace(/\D/g, '').length < MIN_AREA_DIGITS) return Promise.resolve(undefined);
  let cache = asked.get(client);
  if (!cache) asked.set(client, (cache = new Map()));
  const key = lineKey(call);
  const known = cache.get(key);
  if (known) return known;

  const cdrId = call.state === CallState.Ended ? toCallId(call.cdrId) : undefined;
  const area = client
    .callRecord(cdrId ? { cdrId } : { phone: call.phone }, { signal: options.signal })
    .then(
      (record) => (typeof record?.cdrPhoneArea === 'string' && record.cdrPhoneArea.trim()) || undefined,
      (error: unknown) => {
        // An abort was not an answer: a later ask tries again. A failure is one (no region).
        if (options.signal?.aborted && cache.get(key) === area) cache.delete(key);
        reportUnlessAborted(error, options.onError);
        return undefined;
      },
    );
  cache.set(key, area);
  if (cache.size > REMEMBERED) cache.delete(cache.keys().next().value!);
  return area;
}
