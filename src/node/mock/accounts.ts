/**
 * The agents the mock knows: the vendor's test account, an admin account, and any added later.
 * Each account owns its message store and the little state the API methods change
 * (check-in status, mute, IVR keys waiting to be delivered, the last waterline polled).
 */
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { CheckStatus } from '../../protocol/index.js';
import { MessageStore, type StoredMessage } from './message-store.js';

/**
 * The company every mock account belongs to (the vendor's test company). Its number is the
 * 6-character prefix of the agents' login numbers (docs/800ing-api.md §7.1: login `100008800` = company
 * `100008` + extension `800`).
 */
export const MOCK_COMPANY = { compNumber: '100008', compName: '八百呼测试企业', compId: 10000 } as const;

import { COMPANY_PREFIX_LENGTH } from '../../protocol/agent-number.js';
export { COMPANY_PREFIX_LENGTH };

/** Credentials of a built-in account. */
export interface BuiltInAccount {
  readonly user: string;
  readonly password: string;
  readonly extension: string;
}

/**
 * The vendor's public test account (docs/800ing-api.md §1), the one the documentation uses: login number
 * `100008800`, short extension `800` (docs/800ing-api.md §7.1; the mock before v2 said `8800`).
 */
export const TEST_ACCOUNT: BuiltInAccount = Object.freeze({ user: '100008800', password: '02367073578', extension: '800' });

/** An account with the system-administrator right that registerExtension needs (docs/800ing-api.md §3 §2.9). */
export const ADMIN_ACCOUNT: BuiltInAccount = Object.freeze({ user: '100000800', password: 'admin800', extension: '0800' });

/** What it takes to create an account. */
export interface AccountSpec {
  /** `sa_user`. */
  user: string;
  /** The plain password; the API sees only its MD5. */
  password: string;
  extension: string;
  /** The agent's display name (`name`, `exteName`). */
  name: string;
  /** 0 show phone numbers, 1 mask them. */
  disablePhoneNum?: 0 | 1;
  /** May call registerExtension. */
  admin?: boolean;
}

export type CheckStatusValue = (typeof CheckStatus)[keyof typeof CheckStatus];

export interface Account {
  readonly user: string;
  /** Kept so the CLI can print the test accounts; the API never returns it. */
  readonly password: string;
  /** Lower-case hex. */
  readonly passwordMd5: string;
  readonly extension: string;
  readonly name: string;
  readonly exteId: number;
  readonly disablePhoneNum: 0 | 1;
  readonly admin: boolean;
  /** What getExtension answers and the report endpoints require (docs/800ing-api.md §3 §2.1, §4). */
  readonly sessionId: string;
  /** The last login line handed out by getExtension (docs/800ing-api.md §7.1: one per login). */
  loginLines: number;
  /**
   * Per poll cursor (a login line, or '' for the account), the waterline last answered to a
   * getLongWaterLine that did not send its own `waterLine`: such polls hold until the store
   * moves past it. A cursor not in the map has not polled yet.
   */
  readonly cursors: Map<string, number>;
  /** The caller id registerExtension was given, shown on outbound calls. */
  showphone: string;
  checkStatus: CheckStatusValue;
  /** How many times sendMsg kind 7 (mute) was received. */
  muteCount: number;
  readonly messages: MessageStore;
  /** IVR keys pressed and not yet delivered in a getLongWaterLine answer. */
  pendingKeys: { phone: string; key: string }[];
}

/** The agent's login number (docs/800ing-api.md §7.1): getExtension's `extension`, the `sa_user`. */
export function loginNumber(account: Account): string {
  return account.user;
}

/** What a public view of an account shows (addAccount's answer, the CLI's listing). */
export interface AccountInfo {
  user: string;
  extension: string;
  name: string;
  admin: boolean;
  sessionId: string;
}

export function md5Hex(text: string): string {
  return createHash('md5').update(text, 'utf8').digest('hex');
}

export function accountInfo(account: Account): AccountInfo {
  const { user, extension, name, admin, sessionId } = account;
  return { user, extension, name, admin, sessionId };
}

/** Called whenever a message is stored for an account (wakes polls, emits events). */
export type MessageListener = (account: Account, message: StoredMessage) => void;

/** The first extension registerExtension hands out. */
const FIRST_REGISTERED_EXTENSION = 8801;

export class AccountBook {
  readonly #byUser = new Map<string, Account>();
  readonly #clock: () => number;
  readonly #onMessage: MessageListener;
  #nextExteId = 1001;

  constructor(clock: () => number, onMessage: MessageListener) {
    this.#clock = clock;
    this.#onMessage = onMessage;
    this.add({ ...TEST_ACCOUNT, name: '测试坐席' });
    this.add({ ...ADMIN_ACCOUNT, name: '系统管理员', admin: true });
  }

  /** Adds an account; throws when the user or extension is already taken. */
  add(spec: AccountSpec): Account {
    if (!spec.user || !spec.password || !spec.extension) {
      throw new TypeError('an account needs user, password and extension');
    }
    if (this.#byUser.has(spec.user)) throw new RangeError(`account ${spec.user} exists already`);
    if (this.byExtension(spec.extension)) throw new RangeError(`extension ${spec.extension} exists already`);
    const account: Account = {
      user: spec.user,
      password: spec.password,
      passwordMd5: md5Hex(spec.password),
      extension: spec.extension,
      name: spec.name || spec.extension,
      exteId: this.#nextExteId++,
      disablePhoneNum: spec.disablePhoneNum ?? 0,
      admin: spec.admin ?? false,
      sessionId: randomBytes(16).toString('hex'),
      loginLines: 0,
      cursors: new Map(),
      showphone: '',
      checkStatus: CheckStatus.In,
      muteCount: 0,
      messages: new MessageStore(this.#clock, (message) => this.#onMessage(account, message)),
      pendingKeys: [],
    };
    this.#byUser.set(account.user, account);
    return account;
  }

  /** registerExtension: a new agent with the next free extension and a random password. */
  register(showphone: string): Account {
    let number = FIRST_REGISTERED_EXTENSION;
    while (this.byExtension(String(number))) number++;
    const extension = String(number);
    const account = this.add({
      user: MOCK_COMPANY.compNumber + extension,
      password: String(randomInt(10_000_000, 100_000_000)),
      extension,
      name: `坐席${extension}`,
    });
    account.showphone = showphone;
    return account;
  }

  byUser(user: string): Account | undefined {
    return this.#byUser.get(user);
  }

  /** The agent with this short extension, or this login number (docs/800ing-api.md §7.1). */
  byExtension(extension: string): Account | undefined {
    for (const account of this.#byUser.values()) if (account.extension === extension) return account;
    return this.#byUser.get(extension);
  }

  bySessionId(sessionId: string): Account | undefined {
    if (!sessionId) return undefined;
    for (const account of this.#byUser.values()) if (account.sessionId === sessionId) return account;
    return undefined;
  }

  /** The account whose `sa_user` and MD5 match; either case of hex is accepted (docs/800ing-api.md §1). */
  authenticate(user: string, passwordMd5: string): Account | undefined {
    const account = this.#byUser.get(user);
    if (!account || !/^[0-9a-fA-F]{32}$/.test(passwordMd5)) return undefined;
    return passwordMd5.toLowerCase() === account.passwordMd5 ? account : undefined;
  }

  all(): Account[] {
    return [...this.#byUser.values()];
  }
}
