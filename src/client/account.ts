/**
 * The account a client watches: its server and user. The one key of everything kept per agent
 * (tab sharing, carried calls, the recent-calls list); never the password or its MD5.
 */
export function accountOf(client: { readonly server: string; readonly user: string }): string {
  return `${client.server}|${client.user}`;
}
