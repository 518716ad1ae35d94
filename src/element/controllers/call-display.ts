/**
 * A call as the agent is shown it: the number, masked when the agent may not see numbers
 * (getExtension `disablePhoneNum`), and the link to the customer: the lookup contact's own url,
 * else `crm-url` filled in. A `crm-url` that leads nowhere safe is refused as it is set, not
 * silently dropped at a ring.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { LocalCode, VoipError, type Agent } from '../../protocol/index.js';
import { crmTemplateProblem, crmUrl, maskPhone } from '../format.js';
import type { CallWithInfo } from './caller-info.js';

export interface CallDisplayHost extends ReactiveControllerHost {
  readonly agent: Agent | null;
  readonly crmUrl: string;
}

export class CallDisplay implements ReactiveController {
  readonly #host: CallDisplayHost;
  readonly #fail: (error: VoipError) => void;
  /** The `crm-url` checked last. */
  #checked = '';

  constructor(host: CallDisplayHost, fail: (error: VoipError) => void) {
    (this.#host = host).addController(this);
    this.#fail = fail;
  }

  hostUpdate(): void {
    const template = this.#host.crmUrl;
    if (template === this.#checked) return;
    this.#checked = template;
    const problem = template && crmTemplateProblem(template, location.href);
    if (problem) this.#fail(new VoipError(LocalCode.BadInput, problem, { method: 'crm-url' }));
  }

  phone(phone: string): string {
    return this.#host.agent?.disablePhoneNum === 1 ? maskPhone(phone) : phone;
  }

  crmLink(call: CallWithInfo): string | null {
    return call.contact?.url ?? crmUrl(this.#host.crmUrl, call, this.#host.agent?.extension, location.href);
  }
}
