/**
 * Colleagues to transfer a call to (issue 15 item 5), and the agent's own status text (item 4),
 * where the server provides them: loadmonitor without an extension lists the company's agents
 * with their status texts (docs/800ing-api.md §7); getChannelList rows that name another extension add any it
 * missed. Either may be missing on a server: the list is then shorter (the transfer form keeps
 * its free-text fallback), never an exception. The status texts come in the agent's language: the
 * known ones translated, any other as the server wrote it.
 */
import type { VoipClient } from '../client/index.js';
import { sameAgentNumber } from '../protocol/agent-number.js';
import { AgentStatusText } from '../protocol/agent-status.js';
import type { VoipError } from '../protocol/index.js';
import { toText, type Json } from '../protocol/normalize.js';
import { reportUnlessAborted } from './report.js';
import { normalizeLang } from '../ui/i18n.js';
import { agentStatusEn } from './strings.js';

export interface Colleague {
  extension: string;
  name: string;
  /** loadmonitor `statustext` (e.g. 空闲, 通话中, 签出; idle, on a call… in English), when given. */
  status?: string;
}

export interface ColleagueList {
  /** Other agents, by extension. */
  colleagues: Colleague[];
  /** The agent's own status text, when loadmonitor lists the agent. */
  ownStatus?: string;
  /** With `ownStatus`: the server has the agent checked in (true) or out (false). */
  ownAvailable?: boolean;
  /** With `ownStatus`: the server says the agent's phone rings or talks (it may lag behind a hang-up). */
  ownOnCall?: boolean;
}

export interface ColleagueOptions {
  signal?: AbortSignal;
  /** A source that failed (an abort is not reported). */
  onError?: (error: VoipError) => void;
  /** The language of the status texts, as `lang` attributes say it (default zh-CN: as the server writes them). */
  lang?: string;
}

/** A status text in `lang`: a known one translated, any other as the server wrote it. */
export function agentStatusIn(lang: string | undefined, text: string): string {
  return normalizeLang(lang) === 'en' && Object.hasOwn(agentStatusEn, text) ? agentStatusEn[text as AgentStatusText] : text;
}

/** A row as the server wrote it (the status text untranslated). */
function fromRow(row: Json): Colleague | undefined {
  const extension = toText(row.extension ?? row.exten).trim();
  if (!extension) return undefined;
  const colleague: Colleague = { extension, name: toText(row.exteName ?? row.name).trim() || extension };
  const status = toText(row.statustext).trim();
  if (status) colleague.status = status;
  return colleague;
}

/** The agent's colleagues (sorted by extension) and own status text. Never rejects. */
export async function colleaguesOf(client: VoipClient, options: ColleagueOptions = {}): Promise<ColleagueList> {
  const ask = { signal: options.signal };
  const [monitor, channels] = await Promise.allSettled([client.agentStatuses(ask), client.channelList(ask)]);
  // getExtension's `extension` is the login number, loadmonitor may list the short extension:
  // the agent's own row is either (sameAgentNumber, docs/800ing-api.md §7.1).
  const own = client.agent?.extension;
  const list: ColleagueList = { colleagues: [] };
  const byExtension = new Map<string, Colleague>();
  for (const result of [monitor, channels]) {
    if (result.status === 'rejected') {
      reportUnlessAborted(result.reason, options.onError);
      continue;
    }
    for (const row of result.value.rows) {
      const colleague = fromRow(row);
      if (!colleague) continue;
      const status = colleague.status;
      if (status) colleague.status = agentStatusIn(options.lang, status);
      if (own && sameAgentNumber(colleague.extension, own)) {
        if (status && list.ownStatus === undefined) {
          list.ownStatus = colleague.status;
          list.ownAvailable = status !== AgentStatusText.CheckedOut;
          list.ownOnCall = status === AgentStatusText.Ringing || status === AgentStatusText.Talking;
        }
      } else if (!byExtension.has(colleague.extension)) byExtension.set(colleague.extension, colleague);
    }
  }
  list.colleagues = [...byExtension.values()].sort((a, b) => a.extension.localeCompare(b.extension));
  return list;
}
