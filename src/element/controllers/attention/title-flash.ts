/**
 * Alternates the tab title with "来电 138…" / "Incoming 138…" while a call rings, so an agent sees
 * it among many tabs; restores the page's own title when the call is answered or ends. One
 * flasher per page, whoever asks.
 */
const FLASH_MS = 1000;

class TitleFlash {
  #timer: ReturnType<typeof setInterval> | undefined;
  #original = '';
  #text = '';
  #owner: object | undefined;

  start(owner: object, text: string): void {
    this.#owner = owner;
    this.#text = text;
    if (this.#timer !== undefined) return;
    this.#original = document.title;
    let on = false;
    this.#timer = setInterval(() => {
      on = !on;
      document.title = on ? this.#text : this.#original;
    }, FLASH_MS);
    document.title = text;
  }

  stop(owner: object): void {
    if (owner !== this.#owner || this.#timer === undefined) return;
    clearInterval(this.#timer);
    this.#timer = undefined;
    document.title = this.#original;
  }
}

export const titleFlash = new TitleFlash();
