import type postgres from "postgres";

/**
 * LISTEN through a postgres.js client, in the shape @nexus/services' HaltSnapshot takes as its listen port
 * (services may not import postgres.js): `onNotify` for each notification on `channel`, `onListen` each
 * time the LISTEN is (re)established, which postgres.js also does after a reconnect. The payload is
 * dropped: a notification only says "read again".
 */
export function listenPort(
  sql: Pick<postgres.Sql, "listen">,
): (channel: string, onNotify: () => void, onListen: () => void) => Promise<{ unlisten(): Promise<void> }> {
  return (channel, onNotify, onListen) => sql.listen(channel, () => onNotify(), onListen);
}
