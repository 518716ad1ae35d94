/**
 * A call as the agent is shown it: the number, masked when the agent may not see numbers
 * (getExtension `disablePhoneNum`), and the link to the customer: the lookup contact's own url,
 * else `crm-url` filled in.
 */
import type { Agent } from '../protocol/index.js';
import type { CallWithInfo } from './controllers/caller-info.js';
import { crmUrl, maskPhone } from './format.js';

export interface CallDisplayHost {
  readonly agent: Agent | null;
  readonly crmUrl: string;
}

export class CallDisplay {
  readonly #host: CallDisplayHost;

  constructor(host: CallDisplayHost) {
    this.#host = host;
  }

  phone(phone: string): string {
    return this.#host.agent?.disablePhoneNum === 1 ? maskPhone(phone) : phone;
  }

  crmLink(call: CallWithInfo): string | null {
    return call.contact?.url ?? crmUrl(this.#host.crmUrl, call, this.#host.agent?.extension, location.href);
  }
}
