import { z } from 'zod';
import type { ConnectionView, SyncItem } from '../messaging/models';
import { t } from './i18n';
import { NOTIFICATION_ICON } from './icon';

/**
 * System notifications for what needs a person: a parked problem, or a connection that is
 * refused or unreachable. Each is announced once (the announced keys are remembered across
 * worker restarts) and only while the user has turned notifications on.
 */

export const NOTIFICATION_PREFIX = 'dealbridge:';
/** More new problems than this at once make one summary instead of a stack of notifications. */
const MAX_SEPARATE = 3;
const MAX_REMEMBERED = 2000;

export interface NotificationsApi {
  create(
    id: string,
    options: { type: 'basic'; iconUrl: string; title: string; message: string; contextMessage?: string },
  ): Promise<string>;
}

/** Where announced keys are remembered (storage.local in the extension). */
export interface SeenStore {
  load(): Promise<string[]>;
  save(keys: string[]): Promise<void>;
}

export interface NotifyInput {
  problems: SyncItem[];
  connection: Pick<ConnectionView, 'baseUrl' | 'health' | 'lastError'> | null;
}

export function createProblemNotifier(options: {
  notifications: NotificationsApi;
  seen: SeenStore;
  enabled: () => Promise<boolean>;
}) {
  let chain: Promise<unknown> = Promise.resolve();

  async function run(input: NotifyInput): Promise<string[]> {
    if (!(await options.enabled())) return [];
    const current = new Map<string, () => Notice>();
    const connection = input.connection;
    if (connection && (connection.health === 'auth_error' || connection.health === 'unreachable')) {
      current.set(`connection:${connection.health}`, () =>
        connectionNotice(connection.health as 'auth_error' | 'unreachable', connection.baseUrl),
      );
    }
    for (const item of input.problems) current.set(`problem:${item.id}`, () => problemNotice(item));

    const seen = new Set(await options.seen.load());
    const fresh = [...current.keys()].filter((key) => !seen.has(key));
    const created: string[] = [];
    const freshProblems = fresh.filter((key) => key.startsWith('problem:'));
    for (const key of fresh) {
      if (key.startsWith('problem:') && freshProblems.length > MAX_SEPARATE) continue;
      created.push(await show(key, current.get(key)!()));
    }
    if (freshProblems.length > MAX_SEPARATE) {
      created.push(
        await show(`summary:${freshProblems.length}:${freshProblems[0]}`, {
          title: t('manyTitle', { count: freshProblems.length }),
          message: t('manyMessage'),
        }),
      );
    }
    // Only what is still current is remembered: a problem that comes back later is news again.
    await options.seen.save([...current.keys()].slice(-MAX_REMEMBERED));
    return created;
  }

  async function show(key: string, notice: Notice): Promise<string> {
    const id = `${NOTIFICATION_PREFIX}${key}`;
    await options.notifications.create(id, { type: 'basic', iconUrl: NOTIFICATION_ICON, ...notice });
    return id;
  }

  return {
    /** Announces what is new since the last call; calls are queued so two reads cannot announce twice. */
    update(input: NotifyInput): Promise<string[]> {
      const next = chain.then(() => run(input));
      chain = next.catch((error) => console.warn('Dealbridge: could not show a notification', error));
      return next;
    },
  };
}

interface Notice {
  title: string;
  message: string;
  contextMessage?: string;
}

function problemNotice(item: SyncItem): Notice {
  const subject = [item.orderNumber, item.dealName].filter(Boolean).join(' · ');
  return {
    title: t('oneTitle'),
    message: item.problem ? `${item.effect}: ${item.problem}` : item.effect,
    ...(subject ? { contextMessage: subject } : {}),
  };
}

function connectionNotice(health: 'auth_error' | 'unreachable', baseUrl: string): Notice {
  if (health === 'auth_error') return { title: t('authTitle'), message: t('authMessage') };
  let host = baseUrl;
  try {
    host = new URL(baseUrl).host;
  } catch {
    // Shown as stored.
  }
  return { title: t('unreachableTitle'), message: t('unreachableMessage', { host }) };
}

const seenSchema = z.array(z.string().max(300)).max(MAX_REMEMBERED);

/** The remembered keys in storage.local; unreadable data counts as nothing announced. */
export function storageSeenStore(
  storage: {
    get(key: string): Promise<Record<string, unknown>>;
    set(items: Record<string, unknown>): Promise<void>;
  },
  key = 'dealbridge.notified',
): SeenStore {
  return {
    async load() {
      const parsed = seenSchema.safeParse((await storage.get(key))[key]);
      return parsed.success ? parsed.data : [];
    },
    async save(keys) {
      await storage.set({ [key]: keys });
    },
  };
}
