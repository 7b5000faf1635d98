import { openSyncDb } from './database';
import type { Lease } from './meta';

/**
 * The cycle lease: a record with an expiry, so that a cycle survives neither overlap
 * (two wake-ups of the worker, or the popup and an alarm at once) nor a worker that died
 * holding it (the lease simply runs out).
 */
export async function acquireLease(owner: string, ttlMs: number, now: number): Promise<boolean> {
  const db = await openSyncDb();
  const tx = db.transaction('meta', 'readwrite');
  const current = (await tx.store.get('lease')) as Lease | undefined;
  if (current && current.owner !== owner && current.expiresAt > now) {
    await tx.done;
    return false;
  }
  await tx.store.put({ owner, expiresAt: now + ttlMs } satisfies Lease, 'lease');
  await tx.done;
  return true;
}

/** Extends a lease we hold; false if it was lost (expired and taken by another cycle). */
export async function renewLease(owner: string, ttlMs: number, now: number): Promise<boolean> {
  return acquireLease(owner, ttlMs, now);
}

export async function releaseLease(owner: string): Promise<void> {
  const db = await openSyncDb();
  const tx = db.transaction('meta', 'readwrite');
  const current = (await tx.store.get('lease')) as Lease | undefined;
  if (current?.owner === owner) await tx.store.delete('lease');
  await tx.done;
}

export async function leaseHeld(now: number): Promise<boolean> {
  const db = await openSyncDb();
  const current = (await db.get('meta', 'lease')) as Lease | undefined;
  return !!current && current.expiresAt > now;
}

/**
 * Drops whatever lease is left. Only for a freshly started background: an extension has one
 * service worker at a time, so a lease found then belongs to a worker that was stopped.
 */
export async function clearLease(): Promise<void> {
  const db = await openSyncDb();
  await db.delete('meta', 'lease');
}
