/**
 * Colleagues to transfer a call to (issue 15 item 5), and the agent's own status text (item 4),
 * where the server provides them: loadmonitor without an extension lists the company's agents
 * with their status texts (docs/800ing-api.md §7); getChannelList rows that name another extension add any it
 * missed. Either may be missing on a server: the list is then shorter (the transfer form keeps
 * its free-text fallback), never an exception.
 */
import type { VoipClient } from '../client/index.js';
import { sameAgentNumber } from '../protocol/agent-number.js';
import type { VoipError } from '../protocol/index.js';
import { toText, type Json } from '../protocol/normalize.js';
import { reportUnlessAborted } from './report.js';

export interface Colleague {
  extension: string;
  name: string;
  /** loadmonitor `statustext` (e.g. 空闲, 通话中, 签出), when given. */
  status?: string;
}

export interface ColleagueList {
  /** Other agents, by extension. */
  colleagues: Colleague[];
  /** The agent's own status text, when loadmonitor lists the agent. */
  ownStatus?: string;
}

export interface ColleagueOptions {
  signal?: AbortSignal;
  /** A source that failed (an abort is not reported). */
  onError?: (error: VoipError) => void;
}

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
      if (own && sameAgentNumber(colleague.extension, own)) list.ownStatus ??= colleague.status;
      else if (!byExtension.has(colleague.extension)) byExtension.set(colleague.extension, colleague);
    }
  }
  list.colleagues = [...byExtension.values()].sort((a, b) => a.extension.localeCompare(b.extension));
  if (list.ownStatus === undefined) delete list.ownStatus;
  return list;
}
