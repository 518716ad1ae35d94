/**
 * Replacing the browser's credentials with the server's: whatever `sa_user` / `sa_password` the
 * request carried is dropped (in any letter case: a lenient server might read `SA_USER`), and the
 * ones `credentials(req)` returned are added. `callback` is dropped too, so that every answer is
 * JSON and never a script another site could include.
 */
import { rawFields } from '../handlers/handler.js';
import type { Fields } from '../handlers/query.js';
import { BaseParam } from '../../protocol/index.js';
import type { Params } from '../../transport/types.js';
import type { ProxyCredentials } from './options.js';

const DROPPED: ReadonlySet<string> = new Set([BaseParam.User, BaseParam.Password, BaseParam.Callback].map((name) => name.toLowerCase()));

const MD5_HEX = /^[0-9a-fA-F]{32}$/;

/** A value `credentials(req)` returned: null when absent, a TypeError when malformed (the CRM's bug). */
export function checkCredentials(value: unknown): ProxyCredentials | null {
  if (value === null || value === undefined) return null;
  const { user, passwordMd5 } = value as Partial<ProxyCredentials>;
  if (typeof user !== 'string' || user.trim() === '' || typeof passwordMd5 !== 'string' || !MD5_HEX.test(passwordMd5)) {
    throw new TypeError('credentials(req) must return { user, passwordMd5: 32 hex characters } or null');
  }
  return { user: user.trim(), passwordMd5: passwordMd5.toLowerCase() };
}

/**
 * The parameters to forward: the browser's, minus its credentials, plus the server's. One value
 * per name (the first), so the proxy and the 800ing server cannot read a repeated parameter
 * differently. A null-prototype record: a parameter named `__proto__` is just a name.
 */
export function withServerCredentials(fields: Fields, credentials: ProxyCredentials): Params {
  const params: Params = rawFields(fields);
  for (const name of Object.keys(params)) if (DROPPED.has(name.toLowerCase())) delete params[name];
  params[BaseParam.User] = credentials.user;
  params[BaseParam.Password] = credentials.passwordMd5;
  return params;
}
