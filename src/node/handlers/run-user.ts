/**
 * Calls the CRM's own function (onPush, route, answer) with a time limit. A throw, a rejection or
 * a timeout becomes a reason text for the failure answer; the text never carries a stack.
 */

export type UserOutcome<T> = { ok: true; value: T } | { ok: false; reason: string };

/** The longest error text put into an answer. */
const MAX_REASON_CHARS = 200;

/** The message of whatever was thrown: its first line, short, without a stack. */
export function errorText(error: unknown): string {
  let text: string;
  try {
    if (error instanceof Error) text = error.message;
    else if (typeof error === 'string') text = error;
    else if (typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string') {
      text = (error as { message: string }).message;
    } else text = '';
  } catch {
    text = ''; // a hostile getter: report the failure without its text
  }
  // The first line only: a message that carries stack lines (some libraries append them) stops there.
  text = (text.trim().split(/\r?\n|\r/)[0] ?? '').replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  if (text.length > MAX_REASON_CHARS) text = `${text.slice(0, MAX_REASON_CHARS)}…`;
  return text === '' ? 'unknown error' : text;
}

/**
 * Runs `fn(arg)` and settles with its value, or with a reason when it throws, rejects or has not
 * settled after `timeoutMs`. A late settlement after the timeout is swallowed (its rejection too,
 * so it never becomes an unhandled rejection). The user's work itself cannot be cancelled.
 */
export function runUser<A, R>(
  fn: (arg: A) => R | Promise<R>,
  arg: A,
  timeoutMs: number,
  label: string,
): Promise<UserOutcome<Awaited<R>>> {
  return new Promise((resolve) => {
    let done = false;
    const settle = (outcome: UserOutcome<Awaited<R>>): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const timer = setTimeout(() => settle({ ok: false, reason: `${label} timed out after ${timeoutMs} ms` }), timeoutMs);
    let result: R | Promise<R>;
    try {
      result = fn(arg);
    } catch (error) {
      settle({ ok: false, reason: `${label} failed: ${errorText(error)}` });
      return;
    }
    // Promise.resolve also adopts thenables, and turns a throwing `then` into a rejection.
    Promise.resolve(result).then(
      (value) => settle({ ok: true, value: value as Awaited<R> }),
      (error: unknown) => settle({ ok: false, reason: `${label} failed: ${errorText(error)}` }),
    );
  });
}
