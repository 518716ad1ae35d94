/**
 * Replays, against the mock's defaults, the request sequence of the deployed client described
 * in spec §7 and §7.1 (written here in our own words, not copied), and checks every field that
 * client reads, the way it reads them (`parseInt(code) === 0`, `parseInt(status)`, `waterline - 1`
 * on the first answer, `extension.substr(0, 6)` as the company prefix, the company prefix before a
 * short internal number). A check that fails is a difference between the mock and the server that
 * client was written for. One difference is allowed and expected: recvMsg writes a hang-up as
 * status 3 (the vendor document) where that client sees 2.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { Endpoint, parseContent } from '../../src/protocol/index.js';
import { startMockServer, TEST_ACCOUNT, type MockServer } from '../../src/node/index.js';

const MD5 = createHash('md5').update(TEST_ACCOUNT.password).digest('hex');
const COLLEAGUE = { user: '100008801', password: 'colleague-801', extension: '801', name: '同事' };
const COLLEAGUE_MD5 = createHash('md5').update(COLLEAGUE.password).digest('hex');
const CALLER = '13912345678';
const SECOND_CALLER = '13700000000';
/** The one difference the vendor document itself specifies (spec §3: recvMsg's hang-up is 3). */
const EXPECTED_DIFFERENCE = 'recvMsg writes a hang-up as status 2';

type Json = Record<string, unknown>;
interface Message {
  waterLine: number;
  phone: string;
  kind: number;
  content: string;
}

/** The deployed client's own reading of numbers the server may write as text. */
const int = (value: unknown): number => Number.parseInt(String(value), 10);

/** One page of the deployed client: its credentials, its login line, its local waterline. */
class Page {
  loginLine = '1';
  local = 0;
  #n = 0;
  constructor(
    readonly base: string,
    readonly user = TEST_ACCOUNT.user,
    readonly md5 = MD5,
  ) {}

  /** A JSONP request exactly as that client sends it (spec §7: every method through jsonpdata.jsonp). */
  async call(method: string, params: Record<string, string> = {}, path: string = Endpoint.Jsonp): Promise<Json> {
    const callback = `jQuery${++this.#n}`;
    const query = new URLSearchParams({ callback, method, sa_user: this.user, sa_password: this.md5, loginType: 'jsonpLogin', ...params });
    const text = await (await fetch(`${this.base}${path}?${query}`)).text();
    const match = new RegExp(`^\\s*${callback}\\(([\\s\\S]*)\\);?\\s*$`).exec(text);
    assert.ok(match, `a JSONP answer to ${method}: ${text.slice(0, 80)}`);
    return JSON.parse(match[1]!) as Json;
  }

  /** getLongWaterLine with client=1, message=1 and the page's login line; keeps msgs newer than local. */
  async poll(): Promise<{ answer: Json; fresh: Message[] }> {
    const answer = await this.call('getLongWaterLine', { client: '1', message: '1', loginLine: this.loginLine });
    const msgs = Array.isArray(answer.msgs) ? (answer.msgs as Message[]) : [];
    const fresh = msgs.filter((m) => m.waterLine > this.local);
    // The client advances only on messages that carry a phone number (spec §7.1).
    for (const m of fresh) if (m.phone) this.local = Math.max(this.local, m.waterLine);
    return { answer, fresh };
  }
}

describe("the deployed client's request sequence against the mock (spec §7, §7.1)", () => {
  let mock: MockServer;
  let checks = 0;
  const differences: string[] = [];
  /** One field the deployed client reads: counted, and a failure is recorded as a difference. */
  const check = (what: string, ok: boolean): void => {
    checks++;
    if (!ok) differences.push(what);
  };

  before(async () => {
    mock = await startMockServer({ holdMs: 1_500, outboundConnectMs: -1 });
    mock.addAccount(COLLEAGUE);
  });
  after(() => mock.close());

  it('finds no difference but the hang-up status of recvMsg', async () => {
    const page = new Page(mock.url);

    // 1. Log in: the answer names the agent, its session and its login line.
    const login = await page.call('getExtension');
    check('getExtension code reads 0', int(login.code) === 0);
    for (const field of ['sessionId', 'exteId', 'compId', 'loginLine', 'extension', 'message']) check(`getExtension has ${field}`, field in login);
    check('extension is the login number', login.extension === TEST_ACCOUNT.user);
    const company = String(login.extension).substring(0, 6);
    check('extension starts with the 6-character company prefix', company === TEST_ACCOUNT.user.slice(0, 6));
    page.loginLine = String(login.loginLine);

    // 2. First poll: at once, with a waterline; the client starts from waterline - 1.
    const first = await page.poll();
    check('getLongWaterLine code reads 0', int(first.answer.code) === 0);
    check('getLongWaterLine has a numeric waterline', typeof first.answer.waterline === 'number');
    check('getLongWaterLine msgs is an array', Array.isArray(first.answer.msgs));
    check('getLongWaterLine has userInfo', 'userInfo' in first.answer);
    check('no keylist when no key was pressed', first.answer.keylist === undefined || (Array.isArray(first.answer.keylist) && first.answer.keylist.length === 0));
    page.local = Number(first.answer.waterline) - 1;

    // 3. A caller rings: the next poll carries the ring, as recvMsg would.
    const { cdrId } = mock.ring({ user: TEST_ACCOUNT.user, phone: CALLER });
    const rang = await page.poll();
    const ring = rang.fresh.find((m) => m.phone === CALLER);
    check('the ring arrives in getLongWaterLine msgs', ring !== undefined);
    for (const field of ['waterLine', 'phone', 'kind', 'content']) check(`a message has ${field}`, ring !== undefined && field in ring);
    const ringContent = parseContent(ring?.content);
    check('the ring is inbound (kind 2)', int(ring?.kind) === 2);
    check('the ring reads status 0', int(ringContent?.status) === 0);
    check('the ring carries its cdrId', String(ringContent?.cdrId) === cdrId);

    // 4. A second page of the same agent (a reload during the ring) logs in on its own line and
    //    sees the ring at once in its first answer, starting from waterline - 1.
    const reloaded = new Page(mock.url);
    const relogin = await reloaded.call('getExtension');
    reloaded.loginLine = String(relogin.loginLine);
    check('a new login gets a new login line', reloaded.loginLine !== page.loginLine);
    const started = performance.now();
    const again = await reloaded.poll();
    check("a new page's first poll answers at once", performance.now() - started < 1_000);
    reloaded.local = Number(again.answer.waterline) - 1;
    const newest = (again.answer.msgs as Message[]).filter((m) => m.waterLine > reloaded.local);
    check("a new page's first answer carries the ring", newest.some((m) => m.phone === CALLER && int(parseContent(m.content)?.status) === 0));

    // 5. Answer (sendMsg kind 6): both pages hear of it.
    const answered = await page.call('sendMsg', { phone: CALLER, kind: '6', client: '1', lostTime: '10' });
    check('sendMsg kind 6 code reads 0', int(answered.code) === 0);
    for (const p of [page, reloaded]) {
      const { fresh } = await p.poll();
      check(`page ${p === page ? 1 : 2} sees the answer (status 1)`, fresh.some((m) => m.phone === CALLER && int(parseContent(m.content)?.status) === 1));
    }

    // 6. IVR keys arrive in keylist [{phone, key}].
    mock.keys({ user: TEST_ACCOUNT.user, phone: CALLER, key: '5' });
    const keyed = await page.poll();
    const keylist = keyed.answer.keylist as { phone: string; key: string }[] | undefined;
    check('keylist carries the key pressed', Array.isArray(keylist) && keylist.some((k) => k.phone === CALLER && k.key === '5'));

    // 7. Hang up (hangupExten with phoneNum): getLongWaterLine writes status 2.
    const hungUp = await page.call('hangupExten', { phoneNum: CALLER });
    check('hangupExten code reads 0', int(hungUp.code) === 0);
    const ended = await page.poll();
    const end = ended.fresh.find((m) => m.phone === CALLER);
    check('getLongWaterLine writes a hang-up as status 2', int(parseContent(end?.content)?.status) === 2);
    const recv = await page.call('recvMsg', { client: '1', waterLine: String(Number(first.answer.waterline)), limit: '100' });
    const recvEnd = (recv.msgs as Message[]).filter((m) => m.phone === CALLER).at(-1);
    check(EXPECTED_DIFFERENCE, int(parseContent(recvEnd?.content)?.status) === 2);

    // 8. The finished call's record: findDialrecord with the login number as extension.
    const record = await page.call('findDialrecord', { phoneNum: CALLER, limit: '1', extension: String(login.extension), scdrId: cdrId });
    const row = (record.rows as Json[] | undefined)?.[0];
    check('findDialrecord accepts the login number and finds the record', row !== undefined);
    for (const field of ['cdrPeer', 'cdrRecordFile', 'cdrPhoneArea', 'cdrSucessTime', 'cdrTalktime', 'cdrHangupTime']) check(`the record has ${field}`, row !== undefined && field in row);

    // 9. The agent's status text: loadmonitor with the session id and the login number.
    const monitor = await page.call('', { sessionId: String(login.sessionId), extension: String(login.extension) }, Endpoint.LoadMonitor);
    const status = (monitor.rows as Json[] | undefined)?.[0];
    check('loadmonitor accepts the login number', status !== undefined);
    check('loadmonitor rows[0] has exteName and statustext', status !== undefined && 'exteName' in status && 'statustext' in status);

    // 10. A second caller rings; sendMsg kind 7 (stop the phone) stops the ringing.
    mock.ring({ user: TEST_ACCOUNT.user, phone: SECOND_CALLER });
    await page.poll();
    const stopped = await page.call('sendMsg', { phone: SECOND_CALLER, kind: '7', client: '1', lostTime: '10' });
    check('sendMsg kind 7 code reads 0', int(stopped.code) === 0);
    const quiet = await page.poll();
    check('sendMsg kind 7 stops the ringing', quiet.fresh.some((m) => m.phone === SECOND_CALLER && [2, 3].includes(int(parseContent(m.content)?.status))));

    // 11. Availability, channels.
    check('setUserCheckInOut 1 code reads 0', int((await page.call('setUserCheckInOut', { status: '1' })).code) === 0);
    check('setUserCheckInOut 0 code reads 0', int((await page.call('setUserCheckInOut', { status: '0' })).code) === 0);
    check('getChannelList code reads 0', int((await page.call('getChannelList', { queueSize: '1' })).code) === 0);

    // 12. An internal call: dial the colleague's short extension (callbackPhone with sourcePhone).
    const colleague = new Page(mock.url, COLLEAGUE.user, COLLEAGUE_MD5);
    const colleagueLogin = await colleague.call('getExtension');
    colleague.loginLine = String(colleagueLogin.loginLine);
    colleague.local = Number((await colleague.poll()).answer.waterline);
    const dialled = await page.call('callbackPhone', { descPhone: COLLEAGUE.extension, sourcePhone: TEST_ACCOUNT.user });
    check('callbackPhone code reads 0', int(dialled.code) === 0);
    const inbound = (await colleague.poll()).fresh.find((m) => int(m.kind) === 2);
    check('an internal call shows a short number (fewer than 5 digits)', inbound !== undefined && /^\d{1,4}$/.test(inbound.phone));
    await colleague.call('sendMsg', { phone: inbound?.phone ?? '', kind: '6', client: '1', lostTime: '10' });

    // 13. Transfer the talking call to a colleague by login number (transferExten descExten).
    const transferred = await colleague.call('transferExten', { descExten: TEST_ACCOUNT.user });
    check('transferExten accepts the login number', int(transferred.code) === 0);

    // 14. The internal call's record, looked up with the company prefix before the short number.
    await page.call('hangupExten', {});
    const internal = await colleague.call('findDialrecord', { phoneNum: company + (inbound?.phone ?? ''), limit: '1', extension: COLLEAGUE.user });
    check('findDialrecord finds an internal call by company prefix + short number', Array.isArray(internal.rows) && internal.rows.length === 1);

    console.log(`replay: ${checks} checks, ${differences.length} difference(s)${differences.length ? `: ${differences.join('; ')}` : ''}`);
    assert.ok(checks >= 50, `${checks} checks`);
    assert.deepEqual(
      differences.filter((d) => d !== EXPECTED_DIFFERENCE),
      [],
      'no difference but the hang-up status of recvMsg',
    );
  });
});
