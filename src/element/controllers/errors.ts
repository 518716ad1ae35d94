/**
 * What went wrong, for the agent and the page: the error shown (until dismissed, or until what
 * ended it: a login that works, the network back, an action that worked) and a `voip-error` event
 * for each. Anything thrown becomes a VoipError (code + message) first.
 */
import type { ReactiveControllerHost } from 'lit';
import { isVoipError, LocalCode, ResultCode, VoipError } from '../../protocol/index.js';
import { voipEvent } from '../../ui/events.js';

export class ErrorController {
  readonly #host: ReactiveControllerHost & EventTarget;
  /** The error shown, or null. */
  error: VoipError | null = null;

  constructor(host: ReactiveControllerHost & EventTarget) {
    this.#host = host;
  }

  /** Shows `error` (anything thrown) and fires `voip-error`; returns it as a VoipError. Bound: controllers are handed it as it is. */
  readonly fail = (error: unknown): VoipError => {
    const voipError = isVoipError(error)
      ? error
      : new VoipError(LocalCode.BadInput, error instanceof Error ? error.message : String(error), { cause: error });
    this.error = voipError;
    this.#host.requestUpdate();
    this.#host.dispatchEvent(voipEvent('voip-error', { error: voipError }));
    return voipError;
  };

  /**
   * Runs an action of the agent: it resolves as `action` does and then ends an error the network
   * did not cause; a failure is shown, fired, and rejects as a VoipError.
   */
  async run<T>(action: () => Promise<T>): Promise<T> {
    try {
      const result = await action();
      this.clear(false);
      return result;
    } catch (error) {
      throw this.fail(error);
    }
  }

  /** Clears the error; `transient` only one that the network coming back ends, else any but such. */
  clear(transient?: boolean): void {
    const error = this.error;
    if (!error || (transient !== undefined && transient !== isTransient(error))) return;
    this.error = null;
    this.#host.requestUpdate();
  }
}

/** Errors that go away by themselves once the network is back. */
function isTransient(error: VoipError): boolean {
  return error.code === ResultCode.Network || error.code === LocalCode.BadAnswer;
}
