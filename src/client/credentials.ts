import SparkMD5 from 'spark-md5';
import { LocalCode, VoipError } from '../protocol/index.js';

const MD5_HEX = /^[0-9a-fA-F]{32}$/;

/**
 * The lower-case 32-hex MD5 that travels as `sa_password` (docs/800ing-api.md §1). The plain password is hashed
 * here and never kept: callers drop it as soon as this returns.
 */
export function passwordDigest(password: string | undefined, passwordMd5: string | undefined): string {
  if (passwordMd5 !== undefined && passwordMd5 !== '') {
    if (!MD5_HEX.test(passwordMd5)) {
      throw new VoipError(LocalCode.BadInput, 'password-md5 must be 32 hexadecimal characters', { method: 'login' });
    }
    return passwordMd5.toLowerCase();
  }
  if (password !== undefined && password !== '') return SparkMD5.hash(password);
  throw new VoipError(LocalCode.NotConfigured, 'a password or password-md5 is required', { method: 'login' });
}
