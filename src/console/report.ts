import { LocalCode } from '../protocol/codes.js';
import { isVoipError, type VoipError } from '../protocol/index.js';

/**
 * Background work of the console reports its failures instead of throwing them; an abort (the
 * element went away, the call ended) is no failure. Anything that is not a VoipError is a bug in
 * our code: thrown again, in a task of its own, so it is seen and still blocks nothing.
 */
export function reportUnlessAborted(error: unknown, onError: ((error: VoipError) => void) | undefined): void {
  if (!isVoipError(error)) {
    setTimeout(() => {
      throw error;
    });
  } else if (error.code !== LocalCode.Aborted) onError?.(error);
}
