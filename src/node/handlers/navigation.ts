/**
 * The navigation callback (docs/800ing-api.md §5, vendor §2.8): an inbound call needs an agent, the CRM names
 * the extension. `?phone=…&trunkno=…&cdrId=…` answers `{"code":0,"message":"<agent extension>"}`.
 */
import { CallbackParam } from '../../protocol/index.js';
import {
  createCallbackHandler,
  InvalidCallback,
  optionalCdrId,
  quote,
  required,
  single,
  type CallbackHandler,
  type HandlerOptions,
} from './handler.js';
import type { Fields } from './query.js';
import { success, type CallbackAnswer } from './respond.js';

/** What the 800ing server asks about: the caller, the line called, the call's id. */
export interface NavigationQuery {
  phone: string;
  /** The trunk line number called, e.g. "100068001"; absent when not sent. */
  trunkno?: string;
  /** The call's id (vendor type long; the same for the whole inbound call). */
  cdrId?: number;
}

/** The CRM's function: the agent extension that takes the call. */
export type NavigationRoute = (query: NavigationQuery) => string | Promise<string>;

/** The parameter names of §2.8. */
const Param = CallbackParam;

function parseNavigation(fields: Fields): NavigationQuery {
  const query: NavigationQuery = { phone: required(fields, Param.Phone) };
  const trunkno = single(fields, Param.Trunkno);
  if (trunkno !== undefined) query.trunkno = trunkno;
  const cdrId = optionalCdrId(fields, Param.CdrId);
  if (cdrId !== undefined) query.cdrId = cdrId;
  return query;
}

/** The extension as answered: trimmed, not empty, no control characters. */
function extensionAnswer(extension: unknown): CallbackAnswer {
  if (typeof extension !== 'string') throw new InvalidCallback(`route must return the agent extension as a string, got ${typeof extension}`);
  const trimmed = extension.trim();
  if (trimmed === '') throw new InvalidCallback('route returned an empty agent extension');
  if (/[\u0000-\u001f\u007f]/.test(trimmed)) throw new InvalidCallback(`route returned an invalid agent extension ${quote(trimmed)}`);
  return success(trimmed);
}

/**
 * Answers the 800ing server's navigation requests (docs/800ing-api.md §5 §2.8) with the extension `route`
 * names. A missing `phone`, a `cdrId` that is not a whole number, an empty extension, a throw or
 * a timeout answer `{"code":-1,"message":…}`.
 */
export function createNavigationHandler(route: NavigationRoute, options?: HandlerOptions): CallbackHandler {
  return createCallbackHandler<NavigationQuery, string>(
    { label: 'route', user: route, parse: parseNavigation, answer: extensionAnswer },
    options,
  );
}
