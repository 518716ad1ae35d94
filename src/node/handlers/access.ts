/**
 * Who may reach a CRM callback (issue 14): the 800ing server is the only legitimate caller, so a
 * handler can admit only its source addresses and/or only requests whose path carries a secret
 * segment. A refused request is answered before its parameters are read or the CRM's function
 * runs: 403 for an address not admitted, 404 (as if nothing were there) for a missing token.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { BlockList, isIP } from 'node:net';

/** The HTTP status of a request from an address that is not admitted. */
export const FORBIDDEN_STATUS = 403;
/** The HTTP status of a request without the path token: the callback does not reveal itself. */
export const NOT_FOUND_STATUS = 404;

/** The fewest characters of a path token: shorter ones can be guessed. */
export const MIN_PATH_TOKEN_CHARS = 16;
/** A path token is one URL-safe path segment, sent as written. */
const PATH_TOKEN_PATTERN = /^[A-Za-z0-9._~-]+$/;

/** An IPv4 address as a dual-stack socket reports it (`::ffff:10.0.0.8`). */
const MAPPED_IPV4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i;

export type AccessRefusal = { status: number; message: string };
/** Answers a refusal for a request that may not reach the callback, undefined when it may. */
export type AccessCheck = (req: IncomingMessage) => AccessRefusal | undefined;

/** The address without the IPv4-mapped prefix, so `10.0.0.8` matches what a dual-stack socket reports. */
function plainAddress(address: string): string {
  return MAPPED_IPV4.exec(address)?.[1] ?? address;
}

/** Addresses and CIDR ranges (`10.0.0.8`, `10.0.0.0/24`, `::1`) as a BlockList; TypeError for anything else. */
function addressList(entries: readonly string[]): BlockList {
  if (!Array.isArray(entries) || entries.length === 0) throw new TypeError('allowAddresses must be a non-empty array of addresses');
  const list = new BlockList();
  for (const entry of entries) {
    const [address = '', prefix, extra] = typeof entry === 'string' ? plainAddress(entry.trim()).split('/') : [];
    const family = isIP(address);
    const bits = prefix === undefined ? undefined : Number(prefix);
    const maxBits = family === 4 ? 32 : 128;
    if (family === 0 || extra !== undefined || (bits !== undefined && !(Number.isInteger(bits) && bits >= 0 && bits <= maxBits) || prefix === '')) {
      throw new TypeError(`allowAddresses: ${JSON.stringify(entry)} is not an IP address or CIDR range`);
    }
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, bits, type);
  }
  return list;
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/** True when one segment of the request's path is the token; compared in constant time. */
function carriesToken(req: IncomingMessage, tokenDigest: Buffer): boolean {
  // Express strips a mount path from req.url; originalUrl keeps the whole path.
  const url = (req as IncomingMessage & { originalUrl?: unknown }).originalUrl;
  const path = (typeof url === 'string' ? url : req.url ?? '').split(/[?#]/)[0]!;
  let found = false;
  for (const segment of path.split('/')) found = timingSafeEqual(digest(segment), tokenDigest) || found;
  return found;
}

/** Builds the check; a bad option throws TypeError here, not per request. Undefined when nothing is restricted. */
export function createAccessCheck(allowAddresses: readonly string[] | undefined, pathToken: string | undefined): AccessCheck | undefined {
  if (allowAddresses === undefined && pathToken === undefined) return undefined;
  const allowed = allowAddresses === undefined ? undefined : addressList(allowAddresses);
  if (pathToken !== undefined && (typeof pathToken !== 'string' || pathToken.length < MIN_PATH_TOKEN_CHARS || !PATH_TOKEN_PATTERN.test(pathToken))) {
    throw new TypeError(`pathToken must be at least ${MIN_PATH_TOKEN_CHARS} URL-safe characters (A-Z a-z 0-9 . _ ~ -)`);
  }
  const tokenDigest = pathToken === undefined ? undefined : digest(pathToken);
  return (req) => {
    if (allowed) {
      const address = plainAddress(req.socket.remoteAddress ?? '');
      const family = isIP(address);
      if (family === 0 || !allowed.check(address, family === 4 ? 'ipv4' : 'ipv6')) {
        return { status: FORBIDDEN_STATUS, message: `source address ${address || 'unknown'} is not allowed` };
      }
    }
    if (tokenDigest && !carriesToken(req, tokenDigest)) return { status: NOT_FOUND_STATUS, message: 'not found' };
    return undefined;
  };
}
