/**
 * AgentStatusController against a client whose answers the test releases in any order: only
 * the latest load's answer is shown (an older one landing last does not bring back a status
 * the agent changed, nor the language the page left), and a server "on a call" with no call up
 * (loadmonitor lagging behind a hang-up) is not shown. On the element: a login that fails after
 * one that worked shows no availability of the old session.
 */
import { expect, waitUntil } from '@open-wc/testing';
import type { ReactiveController } from 'lit';
import type { VoipClient } from '../../src/index.js';
import { AgentStatusController } from '../../src/element/controllers/agent-status.js';
import { connected, mockForFile, part, PASSWORD, USER } from './helpers/fixture.js';

type Rows = { rows: Record<string, string>[] };

/** A client whose loadmonitor answers wait until the test resolves them, one per request. */
function fakeClient(): { client: VoipClient; answers: ((rows: Rows) => void)[] } {
  const answers: ((rows: Rows) => void)[] = [];
  const client = {
    agent: { extension: '100008800' },
    agentStatuses: () => new Promise<Rows>((resolve) => answers.push(resolve)),
    channelList: () => Promise.resolve({ rows: [] }),
  } as unknown as VoipClient;
  return { client, answers };
}

const own = (statustext: string): Rows => ({ rows: [{ extension: '800', exteName: 'Agent', statustext }] });

function host(client: VoipClient, lang = 'en') {
  const controllers: ReactiveController[] = [];
  return {
    client,
    lang,
    calls: [] as unknown[],
    updates: 0,
    addController: (c: ReactiveController) => controllers.push(c),
    removeController: () => {},
    requestUpdate() {
      this.updates++;
    },
    updateComplete: Promise.resolve(true),
  };
}

describe('AgentStatusController', () => {
  it("an older answer landing after a newer one does not overwrite it (checked out while the login's load was slow)", async () => {
    const { client, answers } = fakeClient();
    const h = host(client);
    const status = new AgentStatusController(h, () => {});
    void status.load(); // the login's load
    await waitUntil(() => answers.length === 1, 'first request');
    status.set(false); // the agent checks out: a second load
    await waitUntil(() => answers.length === 2, 'second request');
    answers[1]!(own('签出'));
    await waitUntil(() => status.serverStatus === 'checked out', 'the newer answer shown');
    answers[0]!(own('空闲')); // the slow one lands last
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(status.serverStatus).to.equal('checked out');
    expect(status.available).to.equal(false);
  });

  it('the language the page switched to wins over an answer asked in the old one', async () => {
    const { client, answers } = fakeClient();
    const h = host(client, 'zh-CN');
    const status = new AgentStatusController(h, () => {});
    void status.load();
    await waitUntil(() => answers.length === 1, 'first request');
    h.lang = 'en';
    void status.load();
    await waitUntil(() => answers.length === 2, 'second request');
    answers[1]!(own('空闲'));
    await waitUntil(() => status.serverStatus === 'idle', 'English');
    answers[0]!(own('空闲'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(status.serverStatus).to.equal('idle');
  });

  it('a server "on a call" with no call up is not shown; with a call up it never was', async () => {
    const { client, answers } = fakeClient();
    const status = new AgentStatusController(host(client), () => {});
    void status.load();
    await waitUntil(() => answers.length === 1, 'request');
    answers[0]!(own('通话中'));
    await waitUntil(() => status.colleagues !== undefined && status.available === true, 'answered');
    expect(status.serverStatus).to.equal(undefined);
  });
});

describe('availability on the element', () => {
  const file = mockForFile({ holdMs: 3000 });

  it("a new login that fails shows no availability: the old session's state goes", async () => {
    const el = await connected({ server: file.mock.url, user: USER, password: PASSWORD, lang: 'en', 'desktop-port': 0 });
    await waitUntil(() => part(el, 'availability')!.textContent!.includes('Available'), 'the availability known');
    el.password = 'wrong';
    await waitUntil(() => el.status === 'error', 'the new login fails');
    await el.updateComplete;
    expect(part(el, 'availability')!.textContent!.trim(), 'nothing of the old session').to.equal('');
  });
});
