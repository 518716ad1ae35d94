/**
 * `voip-softphone/push-log`: the `<voip-push-log>` element (docs/800ing-api.md §4 push_list / push_send). A
 * separate entry and a separate script file, so pages that only need the softphone do not load it.
 */
import './define.js';
export { VoipPushLog } from './voip-push-log.js';
