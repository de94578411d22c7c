import type { Connection } from 'mongoose';

const listeners = new WeakMap<Connection, Set<() => void>>();

/**
 * Calls `listener` after every commit an aggregate store on this connection
 * writes to its outbox: the service's relay publishes at once instead of
 * finding the entry at its next poll, so the poll can be a slow backstop
 * (an idle poll of every outbox would cost a query each).
 */
export function onCommitted(connection: Connection, listener: () => void): () => void {
  let set = listeners.get(connection);
  if (!set) listeners.set(connection, (set = new Set()));
  set.add(listener);
  return () => set.delete(listener);
}

export function signalCommitted(connection: Connection): void {
  for (const listener of listeners.get(connection) ?? []) listener();
}
