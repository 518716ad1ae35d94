/**
 * Small HTTP helpers for the mock-server tests: real requests over 127.0.0.1, parsed answers.
 * Not a test file itself (the runner picks up *.test.ts only).
 */
import { createHash } from 'node:crypto';
import { BaseParam, Endpoint, LOGIN_TYPE } from '../../src/protocol/index.js';
import { TEST_ACCOUNT, type MockServer } from '../../src/node/index.js';

export type Answer = Record<string, unknown> & { code: number; message: string };

export function md5(text: string): string {
  return createHash('md5').update(text, 'utf8').digest('hex');
}

/** The base parameters of an API call for an account. */
export function credentials(account: { user: string; password: string } = TEST_ACCOUNT): Record<string, string> {
  return { [BaseParam.User]: account.user, [BaseParam.Password]: md5(account.password), [BaseParam.LoginType]: LOGIN_TYPE };
}

function query(params: Record<string, string | number>): string {
  return new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString();
}

export interface ApiCallOptions {
  account?: { user: string; password: string };
  /** 'GET' (query) or 'POST' (form body); default GET. */
  http?: 'GET' | 'POST';
  endpoint?: string;
  signal?: AbortSignal;
}

/** Calls an API method over JSON and answers the parsed body. */
export async function api(
  server: MockServer,
  method: string,
  params: Record<string, string | number> = {},
  options: ApiCallOptions = {},
): Promise<Answer> {
  const all = { ...credentials(options.account), [BaseParam.Method]: method, ...params };
  const endpoint = options.endpoint ?? Endpoint.Json;
  const init: RequestInit = options.signal ? { signal: options.signal } : {};
  const res =
    options.http === 'POST'
      ? await fetch(server.url + endpoint, {
          ...init,
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          body: query(all),
        })
      : await fetch(`${server.url}${endpoint}?${query(all)}`, init);
  return (await res.json()) as Answer;
}

/** GETs any path with parameters and answers the parsed JSON. */
export async function getJson(server: MockServer, path: string, params: Record<string, string | number> = {}): Promise<Answer> {
  const res = await fetch(`${server.url}${path}?${query(params)}`);
  return (await res.json()) as Answer;
}

/** A control route under /mock/. */
export function control(server: MockServer, route: string, params: Record<string, string | number> = {}): Promise<Answer> {
  return getJson(server, `/mock/${route}`, params);
}

/** A raw GET, for status codes, headers and non-JSON bodies. */
export async function rawGet(server: MockServer, pathAndQuery: string): Promise<{ status: number; type: string; text: string; res: Response }> {
  const res = await fetch(server.url + pathAndQuery);
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type') ?? '', text, res };
}

export function qs(params: Record<string, string | number>): string {
  return query(params);
}

/** Every field of the call record (docs/800ing-api.md §5): findDialrecord's rows and the CRM memo (§2.7) carry each. */
export const RECORD_FIELDS = [
  'cdrId', 'cdrExtension', 'cdrCalledName', 'cdrExtensionIp', 'cdrHangupTime', 'cdrPhonePort', 'cdrStartTime',
  'cdrIVR', 'cdrTalktime', 'cdrChargingTimes', 'cdrLastPhoneNumber', 'cdrPeer', 'exteName', 'cdrHangupReasonText',
  'cdrHangupReasonCode', 'cdrPhoneNum', 'cdrPhoneIp', 'cdrTrunkRoute', 'cdrCmmId', 'cdrExtensionPort', 'cdrIVRKey',
  'cdrRecordFile', 'paramvalue', 'woOther1', 'woOther11',
] as const;
