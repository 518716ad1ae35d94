/**
 * The names of the vendor desktop client's control API (docs/800ing-api.md §6) that the element's
 * main file needs without the sender: the command types, the default port. Kept apart from
 * ./commands.ts (parameters, URL building), whose module-level tables a bundle would otherwise
 * carry along; commands.ts re-exports them.
 */

/** The `method` every desktop error carries. */
export const DESKTOP_METHOD = 'desktop';

/** Where the desktop client listens unless told otherwise (docs/800ing-api.md §6; the vendor document: "弹屏页面端口默认为：10800"). */
export const DEFAULT_DESKTOP_PORT = 10800;
export const DEFAULT_DESKTOP_HOST = '127.0.0.1';

/**
 * Type 1000, an external URL in the client's pop window: the one command the main file sends by
 * itself (`crm-open="desktop"`), named alone so that it does not carry the whole table below.
 */
export const DESKTOP_OPEN_URL = 1000;

/**
 * The `type` of a command, named after the vendor's text (Chinese in the comments). The vendor
 * distinguishes a work order (工单: 1001/1002) from a sales order (订单: 1005/1006).
 */
export const DesktopType = {
  /** 0 呼叫: call `phone`. */
  Dial: 0,
  /** 1 挂断: hang up. */
  Hangup: 1,
  /** 2 转接: transfer the call to `phone`. */
  Transfer: 2,
  /** 3 显示资料不弹屏: show the customer data of `phone` without popping the window. */
  ShowCustomer: 3,
  /** 4 批量外呼: call several numbers (`phone` separated by `,`). */
  BatchDial: 4,
  /** 992 监听: listen in on the extension in `phone`. */
  Monitor: 992,
  /** 993 指导: whisper to (coach) the agent of the extension in `phone`. */
  Whisper: 993,
  /** 994 强插: barge in on the call of the extension in `phone`. */
  BargeIn: 994,
  /** 981 强断: force the call of the extension in `phone` to hang up. */
  ForceHangup: 981,
  /** 1000 外部 URL 弹窗: open `url` (Base64) in a pop window titled `caption`, `width` × `height`. */
  OpenUrl: DESKTOP_OPEN_URL,
  /** 1001 打印工单: print the work order `phone` (the order id); `caption` = work-order type name. */
  PrintWorkOrder: 1001,
  /** 1002 设计工单: design the work order form; `phone` = order id, `caption` = work-order type name. */
  DesignWorkOrder: 1002,
  /** 1003 关闭弹屏窗口: close the pop window (the vendor example also sends `phone`). */
  ClosePop: 1003,
  /** 1005 设计订单: design the order form; `phone` = the current order id. */
  DesignOrder: 1005,
  /** 1006 打印订单: print the order; `phone` = the current order id. */
  PrintOrder: 1006,
  /** 1007 设计物流单: design the waybill form; `phone` = the current order id. */
  DesignWaybill: 1007,
  /** 1008 打印物流单: print the waybill; `phone` = the current order id. */
  PrintWaybill: 1008,
  /** 2001 重新登录客户端 / 直接登录服务器: log the client in (again), to `host` as `user`/`pass`. */
  Login: 2001,
  /** 2002 呼入/呼出时把客户端界面弹出: bring the client window up on inbound/outbound calls. */
  ShowWindow: 2002,
} as const;
export type DesktopType = (typeof DesktopType)[keyof typeof DesktopType];
