/**
 * Chinese descriptions for the generated API tables of README.zh-CN.md (scripts/readme-api.mjs).
 * Keys: `summary`, `attr:<attribute>`, `prop:<property>`, `method:<name>`, `event:<name>`,
 * `part:<name>`, `cssprop:<name>`, for <voip-softphone>; the same prefixed with the tag name
 * (`voip-push-log:attr:rows`) for another element, which falls back to the unprefixed key. The
 * names, types and defaults come from custom-elements.json; only the prose is translated here. A
 * key missing here shows the English text and a warning.
 */
export const zhCN = {
  summary: '为 800ing（八百呼）坐席的每一通电话弹出卡片：登录、监听呼叫中心，并提供拨号、接听、挂断、转接和静音。',
  'attr:server': '800ing（八百呼）服务器的基础地址，例如 `http://voip.800ing.com:8080`。',
  'attr:user': '坐席账号（`sa_user`）。',
  'attr:password':
    '明文密码。一经设置立即在浏览器中做 MD5，从不以明文保存或发送；该 attribute 会从 DOM 中移除，读取 property 得到空字符串。',
  'attr:password-md5': '密码的 32 位十六进制 MD5，可代替 `password`。',
  'attr:transport': '`jsonp`（跨域，默认）或 `fetch`（同源或经由代理）。',
  'attr:auth':
    '`password`（默认）或 `proxy`：页面不持有任何凭据，`server` 指向 CRM 自己的 createVoipProxy，由它添加凭据；除非显式设置 `transport="jsonp"`（会报错），否则使用 fetch。',
  'attr:poll-interval': '两次 getLongWaterLine 请求之间的最短间隔（毫秒）；每次请求都是长轮询。',
  'attr:lang': '界面语言：`zh-CN`（默认）或 `en`。',
  'attr:crm-url': '弹屏 URL 模板：`{phone}`、`{cdrId}`、`{direction}`、`{paramvalue}`、`{extension}` 会被替换（URL 编码）。',
  'attr:crm-open': '来电时如何打开 `crm-url`：`link`（卡片上的链接，默认）、`tab`（新标签页）或 `desktop`（桌面客户端的弹屏窗口）。`tab` 和 `desktop` 每通电话只弹一次，由负责轮询的标签页打开，无论打开了多少个标签页。',
  'attr:desktop-port': '厂商桌面客户端的端口；设为 `0` 隐藏桌面客户端控制。',
  'attr:notify': '页面处于后台时来电，弹出系统桌面通知。',
  'attr:ringtone': '来电铃声：`on`（默认）或 `off`。',
  'attr:share-tabs':
    '同一来源、同一账号的多个标签页共用一个轮询者（一个标签页轮询，其他标签页跟随）。`share-tabs="false"`（或 `el.shareTabs = false`）让该元素单独轮询。',
  'attr:pop-from-poll':
    '直接用 getLongWaterLine 返回的消息摘要弹屏，比等 recvMsg 确认早一个往返（默认）。`pop-from-poll="false"` 则等 recvMsg。两种方式下每个通话事件都只触发一次。',
  'attr:mode':
    '`inline`（默认：随页面排版，容器最窄 240 px 也不溢出）或 `dock`（固定在窗口一角，可拖动标题栏、可缩成徽标；位置和缩小状态按源记住）。其他值按 inline 处理。',
  'attr:theme': '`light`（默认）、`dark` 或 `auto`（跟随 `prefers-color-scheme`）。其他值按 light 处理。',
  'attr:click-to-dial':
    '在线时，页面上任何 `tel:` 链接（普通 DOM 和开放的 shadow root）都经由本控件拨号，之前先触发可取消的 `voip-dial`。',

  'prop:status': '连接状态：`\'offline\' | \'connecting\' | \'online\' | \'error\'`。',
  'prop:agent': 'getExtension 的结果（坐席信息），登录前为 null。',
  'prop:call': '当前通话（仍在进行的最新一通，否则为刚结束的那通），没有则为 null。',
  'prop:client': '元素内部使用的无框架客户端 `VoipClient`（配置完成前为 null）。',
  'prop:lookup':
    '来电信息：`(call) => Contact | null | Promise<Contact | null>`，`Contact` 为 `{ name, company?, url? }`。每通电话开始时调用一次；卡片先带号码弹出，查到后显示客户（part `contact-name`）；`url` 替换该通电话的 `crm-url` 链接。抛出异常或超过 5 秒时保留号码并触发 `voip-error`。查到后 `call.contact` 保存客户，之后的事件中也有。',
  'prop:recentCalls':
    '坐席最近的通话，最新在前（最多 `recent-limit` 条），均已结束，呼入未接的标记 `missed: true`；按账号保存在本源的存储中。',
  'attr:recent-limit': '`recentCalls` 最多保留的通话数（默认 20）。',
  'part:contact-name': '`lookup` 返回后显示的来电客户名（及公司）。',
  'part:area': '来电归属地（findDialrecord 的 `cdrPhoneArea`），服务器给出时显示。',
  'part:recent-button': '打开和关闭最近通话列表。',
  'part:missed-badge': '在 `recent-button` 上：上次打开列表以来的未接来电数（为 0 时不显示）。',
  'part:recent': '最近通话列表。',
  'part:recent-item': '一条最近通话。',
  'part:callback-button': '在 `recent-item` 中：回拨该号码。',

  'method:login': '立即重新登录（例如修正账号密码后）并开始监听；成功时返回坐席信息，失败时以第一个错误 reject（网络故障由会话自动重试）。',
  'method:logout': '停止监听并清除凭据。',
  'method:dial': '外呼 `phone`（callbackPhone）；`paramvalue` 会在事件和 CRM 推送中原样带回。',
  'method:answer': '接听正在振铃的来电（sendMsg kind 6）。',
  'method:hangup': '挂断当前通话（hangupExten）。',
  'method:transfer': '将当前通话转接到另一个坐席分机（transferExten）。',
  'method:mute': '对当前通话静音 / 停止话机（sendMsg kind 7）。',
  'method:checkIn': '坐席签入，变为空闲可接听（setUserCheckInOut 0）。',
  'method:checkOut': '坐席签出，暂时离开（setUserCheckInOut 1）。',
  'method:desktop':
    '向 127.0.0.1:`desktop-port` 上的厂商桌面客户端发送命令（规范 §6），例如 `desktop(0, { phone: \'138…\' })` 用它拨号，`desktop(1000, { url, caption })` 在其弹屏窗口打开页面。客户端未运行时 reject。',

  'event:voip-status': '`status` 发生变化。',
  'event:voip-login': '登录成功。',
  'event:voip-ring': '一通电话开始：来电振铃或外呼拨号中。',
  'event:voip-answer': '通话已接通。',
  'event:voip-hangup': '通话已结束。',
  'event:voip-message': '收到的每一条消息（通话消息和短信）。',
  'event:voip-dial': '点击页面上的 `tel:` 链接、即将拨号时（`click-to-dial`）；`detail: { phone }`，调用 `preventDefault()` 则交还页面处理。',
  'event:voip-error': '任何失败（网络、认证、服务器错误码、桌面客户端不可达）；`error` 含 `code` 和 `message`。',

  'part:status': '标题栏中的状态文字。',
  'part:dial-input': '号码输入框。',
  'part:dial-button': '拨号按钮。',
  'part:card': '当前（或刚结束的）通话的弹屏卡片。',
  'part:phone': '卡片上的号码（纯文本）。',
  'part:answer-button': '接听按钮；仅在来电振铃时出现。',
  'part:hangup-button': '挂断当前通话的按钮。',
  'part:crm-link': '指向 CRM 中该客户的链接（`crm-url`）。',
  'part:error': '可见的错误文字。',
  'part:sound-prompt': '“点击启用铃声”提示，页面获得一次用户操作前显示。',
  'part:desktop-menu': '卡片上的桌面客户端菜单（`desktop-port` 不为 0 时）。',
  'part:minimize-button': '把停靠面板缩成徽标（`mode="dock"`）。',
  'part:badge': '缩小后的停靠面板：显示状态和未接来电数，点击展开。',

  'cssprop:--voip-accent': '强调色（链接、主按钮）。',
  'cssprop:--voip-success': '接听按钮和振铃卡片的颜色。',
  'cssprop:--voip-danger': '挂断按钮和错误信息的颜色。',
  'cssprop:--voip-warning': '“连接中”状态的颜色。',
  'cssprop:--voip-bg': '背景色。',
  'cssprop:--voip-fg': '文字颜色。',
  'cssprop:--voip-muted': '次要文字颜色。',
  'cssprop:--voip-border': '边框颜色。',
  'cssprop:--voip-radius': '圆角半径。',
  'cssprop:--voip-font': '字体。',
  'cssprop:--voip-font-size': '基础字号。',
  'cssprop:--voip-width': '控件宽度。',
  'cssprop:--voip-shadow': '弹屏卡片的阴影。',
  'cssprop:--voip-on-accent': '`--voip-accent` 上的文字颜色（拨号按钮）。',
  'cssprop:--voip-on-success': '`--voip-success` 上的文字颜色（接听按钮）。',
  'cssprop:--voip-on-danger': '`--voip-danger` 上的文字颜色（挂断按钮、未接数）。',
  'cssprop:--voip-link': '链接颜色。',
  'cssprop:--voip-dock-z-index': '停靠面板的层叠顺序（默认 999：低于常见 UI 库的模态对话框）。',

  'voip-push-log:summary':
    '列出 800ing 服务器推送给 CRM 服务器的记录（规范 §4 push_list），支持分页和筛选，并可重新推送失败的记录（push_send）。登录所用的 attribute 与 `<voip-softphone>` 相同。',
  'voip-push-log:attr:server': '800ing 服务器的基础地址。',
  'voip-push-log:attr:report-server': '报表服务器的基础地址（厂商单独部署）；默认同 `server`。',
  'voip-push-log:attr:auth': '`password`（默认）或 `proxy`：页面不持有凭据，`server` 指向 CRM 的 createVoipProxy。',
  'voip-push-log:attr:password': '明文密码：立即做 MD5，从不保存；该 attribute 会从 DOM 中移除。',
  'voip-push-log:attr:password-md5': '密码的 32 位十六进制 MD5，可代替 `password`。',
  'voip-push-log:attr:rows': '每页行数。',
  'voip-push-log:attr:status': '筛选：`\'\'` 全部，`0` 成功，`1` 失败。',
  'voip-push-log:attr:phone': '按电话号码筛选。',
  'voip-push-log:attr:from': '显示的第一天（yyyy-mm-dd，服务器日历上的日期，即北京时间）；默认服务器的今天。',
  'voip-push-log:attr:to': '显示的最后一天（yyyy-mm-dd，服务器日历上的日期）；默认服务器的今天。',
  'voip-push-log:method:reload': '按当前筛选条件加载第 `page` 页（默认当前页）。',
  'voip-push-log:method:resend': '把记录 `cdrsId` 重新推送给 CRM，然后重新加载当前页（失败时错误保持显示）。',
  'voip-push-log:event:voip-error': '请求失败。',
  'voip-push-log:part:table': '推送记录表格。',
  'voip-push-log:part:resend-button': '失败记录的“重新推送”按钮。',
  'voip-push-log:part:error': '可见的错误文字。',
  'voip-push-log:cssprop:--voip-accent': '强调色。',
  'voip-push-log:cssprop:--voip-danger': '“失败”状态的颜色。',
  'voip-push-log:cssprop:--voip-border': '边框颜色。',
};
