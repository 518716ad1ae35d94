// The same-origin proxy that adds the agent's credentials on the CRM's server (issue 18).
export { createVoipProxy, type VoipProxy } from './proxy.js';
export { DEFAULT_PROXY_TIMEOUT_MS, type ProxyCredentials, type VoipProxyOptions } from './options.js';
