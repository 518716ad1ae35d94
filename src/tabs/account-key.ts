/**
 * The key tabs share one poller by: the account (server|user) and its credentials. A tab whose
 * password differs from the leader's must not follow it (a stale password would silence a good
 * one, or the other way round), so the key includes the credentials — as an MD5 of
 * `server|user|password MD5`, never the password MD5 itself: the key names a BroadcastChannel, a
 * Web Lock and a localStorage entry, all readable by any script of the origin.
 */
import SparkMD5 from 'spark-md5';

export function tabKey(account: string, passwordMd5: string): string {
  return SparkMD5.hash(`${account}|${passwordMd5}`);
}
