import { signal } from '@preact/signals';
import { browser } from 'wxt/browser';
import { send as sendMessage, MessageError } from '@/utils/messaging/client';
import type { ConnectionView } from '@/utils/messaging/models';
import { AddressError, normalizeAddress } from '@/utils/connection/address';

export type Busy = 'load' | 'connect' | 'code-page' | 'code' | 'token' | 'check' | 'disconnect' | null;

export interface Problem {
  code: string;
  message: string;
}

export interface ConnectionDeps {
  send: typeof sendMessage;
  /** permissions.request: must be called synchronously from the click. */
  requestOrigins: (origins: string[]) => Promise<boolean>;
}

const defaultDeps: ConnectionDeps = {
  send: sendMessage,
  requestOrigins: (origins) => browser.permissions.request({ origins }),
};

/**
 * State and actions of the connection section. Each action that needs the site's
 * permission asks for it first thing, still inside the click (browsers only show the
 * prompt for a user gesture), then hands over to the background.
 */
export function createConnectionModel(deps: ConnectionDeps = defaultDeps) {
  const view = signal<ConnectionView | null>(null);
  const loaded = signal(false);
  const busy = signal<Busy>(null);
  const problem = signal<Problem | null>(null);
  const notice = signal<string | null>(null);
  const address = signal('');
  const token = signal('');
  const code = signal('');
  const confirmingDisconnect = signal(false);

  async function run<T>(kind: Exclude<Busy, null>, task: () => Promise<T>): Promise<T | undefined> {
    busy.value = kind;
    problem.value = null;
    try {
      return await task();
    } catch (error) {
      problem.value = toProblem(error);
      return undefined;
    } finally {
      busy.value = null;
    }
  }

  /** Asks for the site's permission (synchronously, from the click), then runs the task. */
  function withPermission(kind: Exclude<Busy, null>, task: (url: string) => Promise<void>): void {
    if (busy.value) return;
    notice.value = null;
    const url = address.value.trim();
    let origins: string[];
    try {
      origins = normalizeAddress(url).permissionOrigins;
    } catch (error) {
      problem.value = toProblem(error);
      return;
    }
    const asked = deps.requestOrigins(origins); // no await before this line: it needs the click
    void run(kind, async () => {
      const granted = await asked.catch(() => false);
      if (!granted) throw new MessageError('permission_denied', ''); // the headline says it all
      await task(url);
    });
  }

  function connected(next: ConnectionView) {
    view.value = next;
    token.value = '';
    code.value = '';
    address.value = next.baseUrl;
  }

  return {
    view,
    loaded,
    busy,
    problem,
    notice,
    address,
    token,
    code,
    confirmingDisconnect,
    async load() {
      await run('load', async () => {
        view.value = await deps.send('connection.get', {});
        if (view.value && !address.value) address.value = view.value.baseUrl;
      });
      loaded.value = true;
    },
    connect() {
      withPermission('connect', async (url) => connected(await deps.send('connection.authorize', { url })));
    },
    openCodePage() {
      withPermission('code-page', async (url) => {
        const { baseUrl } = await deps.send('connection.openCodePage', { url });
        address.value = baseUrl;
      });
    },
    submitCode() {
      if (!code.value.trim()) return;
      withPermission('code', async (url) =>
        connected(await deps.send('connection.exchangeCode', { url, code: code.value.trim() })),
      );
    },
    submitToken() {
      if (!token.value.trim()) return;
      withPermission('token', async (url) =>
        connected(await deps.send('connection.useToken', { url, token: token.value.trim() })),
      );
    },
    async check() {
      await run('check', async () => {
        view.value = await deps.send('connection.check', {});
      });
    },
    async disconnect() {
      confirmingDisconnect.value = false;
      const result = await run('disconnect', () => deps.send('connection.disconnect', {}));
      if (result) {
        view.value = null;
        notice.value = result.revoked ? 'revoked' : 'not_revoked';
      }
    },
  };
}

export type ConnectionModel = ReturnType<typeof createConnectionModel>;

function toProblem(error: unknown): Problem {
  if (error instanceof MessageError) return { code: error.code, message: error.message };
  if (error instanceof AddressError) return { code: 'address_invalid', message: error.message };
  return { code: 'other', message: error instanceof Error ? error.message : String(error) };
}
