/**
 * The CRM's agents and their sessions, in the CRM's SQLite file (its own connection and tables,
 * beside the call records):
 *
 * - `agents`: the CRM login (its password as a salted scrypt hash) and the agent's 800ing account,
 *   kept server-side as the vendor needs it: the user and the MD5 of the password, never the
 *   password. The browser never sees either: createVoipProxy adds them to each request.
 * - `sessions`: a session cookie's SHA-256 (a stolen database holds no usable cookie), who it
 *   belongs to and when it expires. In the database rather than in memory, so that several CRM
 *   servers behind a load balancer share them and the proxy stays stateless.
 */
import { createHash, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import Database from 'better-sqlite3';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS agents (
  login          TEXT PRIMARY KEY,
  password_salt  BLOB NOT NULL,
  password_hash  BLOB NOT NULL,   -- scrypt of the CRM password
  voip_user      TEXT NOT NULL,   -- sa_user
  voip_md5       TEXT NOT NULL    -- sa_password: the MD5 of the 800ing password, lower-case hex
) STRICT;
CREATE TABLE IF NOT EXISTS sessions (
  id_hash    TEXT PRIMARY KEY,    -- SHA-256 of the cookie value
  login      TEXT NOT NULL REFERENCES agents (login) ON DELETE CASCADE,
  expires_at INTEGER NOT NULL     -- unix ms
) STRICT;
`;

/** How long a CRM login lasts. */
export const SESSION_MS = 12 * 60 * 60_000;
const SCRYPT_BYTES = 32;
const MD5_HEX = /^[0-9a-f]{32}$/i;

export interface AgentSeed {
  /** The CRM login. */
  login: string;
  /** The CRM password (stored as a scrypt hash). */
  password: string;
  /** The agent's 800ing account (`sa_user`). */
  voipUser: string;
  /** The MD5 of the agent's 800ing password (32 hex); the password itself is never stored. */
  voipPasswordMd5: string;
}

/** The 800ing account of a session, as createVoipProxy's credentials(req) returns it. */
export interface VoipAccount {
  user: string;
  passwordMd5: string;
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

export class AgentStore {
  readonly #db: Database.Database;

  constructor(path: string) {
    this.#db = new Database(path);
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma('foreign_keys = ON');
    this.#db.exec(SCHEMA);
  }

  /** Adds or replaces an agent. */
  setAgent(seed: AgentSeed): void {
    if (!seed.login.trim() || !seed.password || !seed.voipUser.trim()) throw new RangeError('an agent needs a login, a password and an 800ing user');
    if (!MD5_HEX.test(seed.voipPasswordMd5)) throw new RangeError('voipPasswordMd5 must be 32 hexadecimal characters');
    const salt = randomBytes(16);
    this.#db
      .prepare(
        `INSERT INTO agents (login, password_salt, password_hash, voip_user, voip_md5) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (login) DO UPDATE SET password_salt = excluded.password_salt, password_hash = excluded.password_hash,
           voip_user = excluded.voip_user, voip_md5 = excluded.voip_md5`,
      )
      .run(seed.login.trim(), salt, scryptSync(seed.password, salt, SCRYPT_BYTES), seed.voipUser.trim(), seed.voipPasswordMd5.toLowerCase());
  }

  /** Checks a CRM login; on success answers a new session's cookie value. */
  logIn(login: string, password: string, now = Date.now()): string | undefined {
    const row = this.#db.prepare('SELECT password_salt AS salt, password_hash AS hash FROM agents WHERE login = ?').get(login.trim()) as
      | { salt: Buffer; hash: Buffer }
      | undefined;
    // Hash even for an unknown login, so the answer's timing does not tell which logins exist.
    const hash = scryptSync(password, row?.salt ?? Buffer.alloc(16), SCRYPT_BYTES);
    if (!row || !timingSafeEqual(hash, row.hash)) return undefined;
    const cookie = randomBytes(32).toString('base64url');
    this.#db.prepare('DELETE FROM sessions WHERE expires_at < ?').run(now);
    this.#db.prepare('INSERT INTO sessions (id_hash, login, expires_at) VALUES (?, ?, ?)').run(sha256(cookie), login.trim(), now + SESSION_MS);
    return cookie;
  }

  logOut(cookie: string): void {
    this.#db.prepare('DELETE FROM sessions WHERE id_hash = ?').run(sha256(cookie));
  }

  /** The CRM login of a live session, or undefined. */
  loginOf(cookie: string | undefined, now = Date.now()): string | undefined {
    if (!cookie) return undefined;
    const row = this.#db.prepare('SELECT login FROM sessions WHERE id_hash = ? AND expires_at >= ?').get(sha256(cookie), now) as { login: string } | undefined;
    return row?.login;
  }

  /** The 800ing account of a live session's agent, or null (the proxy then answers 401). */
  voipAccountOf(cookie: string | undefined, now = Date.now()): VoipAccount | null {
    const login = this.loginOf(cookie, now);
    if (!login) return null;
    const row = this.#db.prepare('SELECT voip_user AS user, voip_md5 AS passwordMd5 FROM agents WHERE login = ?').get(login) as VoipAccount | undefined;
    return row ?? null;
  }

  close(): void {
    this.#db.close();
  }
}
