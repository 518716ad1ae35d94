import { css, html, LitElement, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { AuthMode, VoipClient } from '../client/index.js';
import { isVoipError, LocalCode, PushStatus, VoipError, type PushListAnswer, type PushRow } from '../protocol/index.js';
import { serverDay } from '../protocol/server-time.js';
import { voipEvent } from '../ui/events.js';
import { PasswordField } from '../ui/password-field.js';
import { format, normalizeLang } from '../ui/i18n.js';
import { tokens } from '../ui/tokens.styles.js';
import { pushLogStrings, type PushLogStrings } from './strings.js';

/**
 * "2026-11-24 00:00:00", as push_list takes it (docs/800ing-api.md §4). The day is a server day: `from`/`to` as
 * the user picked them, or the server's today, not the browser's (see server-time.ts).
 */
function serverTime(day: string, endOfDay: boolean): string {
  return `${day || serverDay(Date.now())} ${endOfDay ? '23:59:59' : '00:00:00'}`;
}

/**
 * Lists the pushes the 800ing server made to the CRM's server (docs/800ing-api.md §4 push_list), with paging
 * and filters, and re-sends a failed one (push_send). Logs in with the same attributes as
 * `<voip-softphone>`.
 *
 * @fires voip-error - A request failed. detail: `{ error }`
 * @csspart table - The table of pushes.
 * @csspart resend-button - The resend button of a failed push.
 * @csspart error - The visible error text.
 * @cssprop --voip-accent - Accent colour.
 * @cssprop --voip-danger - Failed status colour.
 * @cssprop --voip-border - Border colour.
 * @cssprop --voip-font - Font family.
 * @cssprop --voip-font-size - Base font size.
 */
export class VoipPushLog extends LitElement {
  static override styles = [
    tokens,
    css`
      :host {
        display: block;
        font: var(--voip-font-size) / 1.4 var(--voip-font);
      }
      form {
        display: flex;
        flex-wrap: wrap;
        gap: 6px;
        align-items: end;
        margin-bottom: 8px;
      }
      label {
        display: grid;
        gap: 2px;
      }
      table {
        width: 100%;
        border-collapse: collapse;
      }
      th,
      td {
        text-align: start;
        padding: 4px 6px;
        border-bottom: 1px solid var(--voip-border);
        overflow-wrap: anywhere;
      }
      .failed {
        color: var(--voip-danger);
      }
      .pager {
        display: flex;
        gap: 8px;
        align-items: center;
        margin-top: 8px;
      }
      [part='error'] {
        color: var(--voip-danger);
      }
    `,
  ];

  #client: VoipClient | null = null;
  /** What #client was made with: it is made again when any of it changes. */
  #clientCredentials = '';
  /** What the list shown (or being loaded) was asked with. */
  #loadedQuery: string | null = null;
  readonly #password = new PasswordField(this, (error) => this.#fail(error));
  #requestId = 0;

  @state() private _answer: PushListAnswer | null = null;
  @state() private _page = 1;
  @state() private _loading = false;
  @state() private _error: VoipError | null = null;

  /** Base URL of the 800ing server. */
  @property() server = '';
  /** Base URL of the report server (the vendor hosts it apart); defaults to `server`. */
  @property({ attribute: 'report-server' }) reportServer = '';
  /** `password` (default) or `proxy`: no credentials in the page, `server` is the CRM's createVoipProxy. */
  @property() auth: AuthMode = 'password';
  /** The account (`sa_user`). */
  @property() user = '';
  /** The plain password: hashed at once, never kept; the attribute is removed. */
  @property()
  set password(value: string | null | undefined) {
    this.#password.plain(value);
  }
  get password(): string {
    return '';
  }
  /** The 32-hex MD5 of the password instead (the one set last of the two counts). */
  @property({ attribute: 'password-md5' })
  set passwordMd5(value: string | null | undefined) {
    this.#password.md5(value);
  }
  get passwordMd5(): string {
    return this.#password.digest;
  }
  /** `zh-CN` (default) or `en`. */
  @property() override lang = 'zh-CN';
  /** Rows per page. */
  @property({ type: Number }) rows = 10;
  /** Filters: `''` all, `0` ok, `1` failed. */
  @property() status: '' | '0' | '1' = '';
  /** Phone number filter. */
  @property() phone = '';
  /** First day shown (yyyy-mm-dd, a day of the server's calendar: China time); the server's today by default. */
  @property() from = '';
  /** Last day shown (yyyy-mm-dd, a day of the server's calendar); the server's today by default. */
  @property() to = '';

  get #t(): PushLogStrings {
    return pushLogStrings[normalizeLang(this.lang)];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Put back in the page: show what changed meanwhile. The first connection loads in updated().
    if (this.hasUpdated) void this.reload();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#requestId++; // a late answer is dropped
  }

  /** A change of any attribute the list depends on (set by the CRM or the form) reloads page 1. */
  protected override updated(): void {
    if (this.isConnected && this.#query() !== this.#loadedQuery) void this.reload(1);
  }

  /** Everything the list depends on. The password counts through its MD5 (it is not a property). */
  #query(): string {
    return JSON.stringify([this.#credentials(), this.rows, this.status, this.phone, this.from, this.to]);
  }

  #credentials(): string {
    return JSON.stringify([this.server, this.reportServer, this.auth, this.user, this.#password.digest]);
  }

  /** The client for the current credentials; throws a VoipError when they are unusable (a bad URL). */
  #clientOrNull(): VoipClient | null {
    const credentials = this.#credentials();
    if (this.#client && this.#clientCredentials === credentials) return this.#client;
    // Another account (or none): the rows of the previous one must not stay on screen.
    this.#client = null;
    this.#clientCredentials = credentials;
    this._answer = null;
    const byProxy = this.auth === AuthMode.Proxy;
    if (!this.server || (!byProxy && (!this.user || !this.#password.digest))) return null;
    this.#client = new VoipClient({ server: this.server, reportServer: this.reportServer || undefined, auth: this.auth, user: this.user, passwordMd5: this.#password.digest });
    return this.#client;
  }

  /** Loads page `page` (default: the current one) with the current filters. */
  async reload(page = this._page): Promise<void> {
    this.#loadedQuery = this.#query();
    const id = ++this.#requestId;
    try {
      const client = this.#clientOrNull();
      if (!client) return;
      this._loading = true;
      const answer = await client.pushList({
        page,
        rows: this.rows > 0 ? this.rows : 10,
        startTime: serverTime(this.from, false),
        endTime: serverTime(this.to, true),
        status: this.status === '' ? '' : this.status === '1' ? PushStatus.Failed : PushStatus.Ok,
        phone: this.phone,
      });
      if (id !== this.#requestId) return;
      this._answer = answer;
      this._page = page;
      this._error = null;
    } catch (error) {
      if (id === this.#requestId) this.#fail(error);
    } finally {
      if (id === this.#requestId) this._loading = false;
    }
  }

  /** Pushes record `cdrsId` to the CRM again, then reloads the page (a failure stays shown). */
  async resend(cdrsId: string): Promise<void> {
    let failure: VoipError | undefined;
    try {
      const client = this.#clientOrNull();
      if (!client) throw new VoipError(LocalCode.NotConfigured, 'set server, user and password first');
      await client.pushResend(cdrsId);
    } catch (error) {
      failure = this.#fail(error);
    }
    await this.reload();
    if (failure) throw (this._error = failure);
  }

  #fail(error: unknown): VoipError {
    const e = isVoipError(error) ? error : new VoipError(LocalCode.BadAnswer, String(error));
    this._error = e;
    this.dispatchEvent(voipEvent('voip-error', { error: e }));
    return e;
  }

  #onSearch = (event: SubmitEvent): void => {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    this.from = String(form.get('from') ?? '');
    this.to = String(form.get('to') ?? '');
    this.status = String(form.get('status') ?? '') as '' | '0' | '1';
    this.phone = String(form.get('phone') ?? '').trim();
    void this.reload(1);
  };

  #renderRow(t: PushLogStrings, row: PushRow): TemplateResult {
    const failed = row.cdrs_status === PushStatus.Failed;
    return html`<tr>
      <td>${row.cdr_uploadTime ?? row.cdrStartTime ?? ''}</td>
      <td>${row.cdrsPhone ?? row.cdrPhoneNum ?? ''}</td>
      <td>${t.types[Number(row.cdrsType)] ?? String(row.cdrsType ?? '')}</td>
      <td class=${failed ? 'failed' : ''}>${failed ? t.failed : t.ok}</td>
      <td>${row.cdrs_result ?? ''}</td>
      <td>
        ${failed
          ? html`<button part="resend-button" type="button" @click=${() => this.resend(row.cdrsId).catch(() => {})}>${t.resend}</button>`
          : nothing}
      </td>
    </tr>`;
  }

  override render(): TemplateResult {
    const t = this.#t;
    const answer = this._answer;
    const rows = this.rows > 0 ? this.rows : 10;
    const pages = Math.max(1, Math.ceil((answer?.total ?? 0) / rows));
    return html`<form @submit=${this.#onSearch}>
        <label>${t.from}<input type="date" name="from" .value=${this.from} /></label>
        <label>${t.to}<input type="date" name="to" .value=${this.to} /></label>
        <label
          >${t.status}<select name="status" .value=${this.status}>
            <option value="">${t.all}</option>
            <option value="0">${t.ok}</option>
            <option value="1">${t.failed}</option>
          </select></label
        >
        <label>${t.phone}<input name="phone" inputmode="tel" .value=${this.phone} /></label>
        <button type="submit">${t.search}</button>
      </form>
      ${this._error ? html`<p part="error" role="alert">${this._error.localized(normalizeLang(this.lang))}</p>` : nothing}
      <table part="table" aria-busy=${this._loading ? 'true' : 'false'}>
        <thead>
          <tr>
            <th>${t.time}</th>
            <th>${t.phone}</th>
            <th>${t.type}</th>
            <th>${t.status}</th>
            <th>${t.result}</th>
            <th></th>
          </tr>
        </thead>
        <tbody>
          ${answer && answer.rows.length > 0
            ? answer.rows.map((row) => this.#renderRow(t, row))
            : html`<tr>
                <td colspan="6">${this._loading ? t.loading : t.empty}</td>
              </tr>`}
        </tbody>
      </table>
      <div class="pager">
        <button type="button" ?disabled=${this._page <= 1 || this._loading} @click=${() => this.reload(this._page - 1)}>${t.prev}</button>
        <span>${format(t.page, { page: this._page, pages, total: answer?.total ?? 0 })}</span>
        <button type="button" ?disabled=${this._page >= pages || this._loading} @click=${() => this.reload(this._page + 1)}>${t.next}</button>
      </div>`;
  }
}
