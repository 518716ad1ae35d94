/**
 * The 800ing result codes (docs/800ing-api.md §2) with their texts in both UI languages.
 * This is the only place a code number is written down; everything else imports it.
 */
export const ResultCode = {
  Ok: 0,
  Network: -1,
  Auth: -2,
  Internal: -3,
  Permission: -5,
  Sql: -6,
  Exists: -10,
  NotFound: -11,
  OverMaximum: -12,
  FileSave: -13,
  GroupValidation: -14,
} as const;
export type ResultCode = (typeof ResultCode)[keyof typeof ResultCode];

/** Codes the server never sends but our own layers use (all below -1000, out of the vendor's range). */
export const LocalCode = {
  /** The answer could not be understood (not JSON, wrong shape). */
  BadAnswer: -1001,
  /** An argument given to us was invalid (empty phone number, unknown desktop type…). */
  BadInput: -1002,
  /** The desktop client on 127.0.0.1 did not accept the connection. */
  DesktopUnreachable: -1003,
  /** The page is https: and the server http: — the browser blocks it (mixed content). */
  MixedContent: -1004,
  /** The request was cancelled by its AbortSignal (the element was removed, the session stopped). */
  Aborted: -1005,
  /** The browser blocked a pop-up window. */
  PopupBlocked: -1006,
  /** A method needs a configuration value that is missing (server, credentials, report server). */
  NotConfigured: -1007,
  /** The page's `lookup(call)` hook threw, answered something that is not a contact, or took too long. */
  LookupFailed: -1008,
  /** This origin's storage could not be read back (what it held was dropped) or written. */
  StorageFailed: -1009,
} as const;
export type LocalCode = (typeof LocalCode)[keyof typeof LocalCode];

export type Lang = 'zh-CN' | 'en';

const texts: Record<number, { 'zh-CN': string; en: string }> = {
  [ResultCode.Ok]: { 'zh-CN': '成功', en: 'success' },
  [ResultCode.Network]: { 'zh-CN': '网络错误', en: 'network error' },
  [ResultCode.Auth]: { 'zh-CN': '验证错误', en: 'authentication failed' },
  [ResultCode.Internal]: { 'zh-CN': '方法内部错误', en: 'internal error in the method' },
  [ResultCode.Permission]: { 'zh-CN': '没有权限', en: 'permission denied' },
  [ResultCode.Sql]: { 'zh-CN': 'SQL 语句执行错误', en: 'SQL error' },
  [ResultCode.Exists]: { 'zh-CN': '数据已经存在', en: 'already exists' },
  [ResultCode.NotFound]: { 'zh-CN': '数据不存在', en: 'does not exist' },
  [ResultCode.OverMaximum]: { 'zh-CN': '超过最大值错误', en: 'over the maximum' },
  [ResultCode.FileSave]: { 'zh-CN': '文件保存失败', en: 'file could not be saved' },
  [ResultCode.GroupValidation]: { 'zh-CN': '验证组错误', en: 'group validation failed' },
  [LocalCode.BadAnswer]: { 'zh-CN': '服务器应答无法解析', en: 'the server answer could not be read' },
  [LocalCode.BadInput]: { 'zh-CN': '输入无效', en: 'invalid input' },
  [LocalCode.DesktopUnreachable]: {
    'zh-CN': '桌面客户端未运行',
    en: 'desktop client not running',
  },
  [LocalCode.MixedContent]: {
    'zh-CN': 'https 页面不能访问 http 服务器（混合内容被浏览器阻止），请使用 https 服务器地址或代理：见 README「在 https CRM 上部署」',
    en: 'an https page cannot reach an http server (the browser blocks mixed content): use an https server URL or a proxy, see the README, "Deploying on an https CRM"',
  },
  [LocalCode.Aborted]: { 'zh-CN': '请求已取消', en: 'request cancelled' },
  [LocalCode.PopupBlocked]: { 'zh-CN': '浏览器阻止了弹出窗口', en: 'the browser blocked the pop-up window' },
  [LocalCode.NotConfigured]: { 'zh-CN': '缺少配置', en: 'missing configuration' },
  [LocalCode.LookupFailed]: { 'zh-CN': '来电查询失败', en: 'caller lookup failed' },
  [LocalCode.StorageFailed]: { 'zh-CN': '最近通话未能保存', en: 'recent calls not saved' },
};

/**
 * What the agent reads when the call centre server cannot be reached at all (no answer, a
 * timeout, a gateway error): a short sentence instead of the transport's technical detail, which
 * stays in the error's `message`.
 */
export const UNREACHABLE_TEXTS: Readonly<Record<Lang, string>> = {
  'zh-CN': '无法连接呼叫中心服务器',
  en: 'Cannot reach the call centre server',
};

/** The text of a code in a language; unknown codes get a generic text that names the code. */
export function codeText(code: number, lang: Lang = 'en'): string {
  const entry = texts[code];
  if (entry) return entry[lang];
  return lang === 'zh-CN' ? `服务器错误（代码 ${code}）` : `server error (code ${code})`;
}
