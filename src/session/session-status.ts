/** Where a session stands, as the page shows it. */
export const SessionStatus = { Offline: 'offline', Connecting: 'connecting', Online: 'online', Error: 'error' } as const;
export type SessionStatus = (typeof SessionStatus)[keyof typeof SessionStatus];
