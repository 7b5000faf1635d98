import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN_ID, startedFixture, type SyncFixture } from './sync-fixture';
import { closeSyncDb } from '../../../utils/db/database';
import { countInbox } from '../../../utils/db/inbox';
import { allOutbox } from '../../../utils/db/outbox';
import { LEASE_MS } from '../../../utils/sync/engine/engine';
import type { SyncPorts } from '../../../utils/sync/engine/ports';

/**
 * The service worker can be stopped between any two steps. Simulated here by a port that
 * never answers (the worker is gone mid-await), the database connection closed, and a new
 * engine over the same IndexedDB once the dead one's lease has run out.
 */
let fx: SyncFixture;
afterEach(async () => {
  await fx?.close();
});

const never = () => new Promise<never>(() => {});
const count = (effects: string[], prefix: string) => effects.filter((e) => e.startsWith(prefix)).length;

async function until(check: () => boolean | Promise<boolean>, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Kills the first worker and starts a second one after its lease has expired. */
async function restart(): Promise<void> {
  await closeSyncDb();
}

describe('the worker stopped between steps', () => {
  it('after a write whose reply never came: the next worker finds it applied and does not repeat it', async () => {
    fx = await startedFixture();
    fx.setSettings((s) => ({ ...s, mappings: [] }));
    const dying: SyncPorts = {
      ...fx.ports,
      runOrderAction: async (orderId, actionId) => {
        await fx.ports.runOrderAction(orderId, actionId);
        return never();
      },
    };
    fx.sim.state.closeDeal(6, 'WON', ADMIN_ID, { force: true });
    void fx.engine({ ports: dying }).request();
    await until(() => fx.effects().includes('order_action:1:complete'));
    await restart();

    const blocked = await fx.engine().request();
    expect(blocked).toBe('busy'); // the dead worker's lease still runs
    await fx.settle(fx.engine({ clockOffsetMs: LEASE_MS + 1000 }));
    expect(count(fx.effects(), 'order_action:1:complete')).toBe(1);
    expect(await allOutbox()).toEqual([]);
    expect(fx.activity.map((a) => [a.kind, a.outcome])).toEqual([['order_action', 'already']]);
  });

  it('after observing and before examining: the change waits in the inbox and is acted on once', async () => {
    fx = await startedFixture();
    // Examination reads the workflow's states (to tell what ran) or the order's log: neither answers.
    const dying: SyncPorts = { ...fx.ports, orderStates: never, orderLog: never };
    fx.sim.state.runOrderAction(1, 'ship', ADMIN_ID);
    void fx.engine({ ports: dying }).request();
    await until(async () => (await countInbox()) > 0);
    await restart();

    await fx.settle(fx.engine({ clockOffsetMs: LEASE_MS + 1000 }));
    expect(fx.sim.state.getDeal(6)!.stageId).toBe(4);
    expect(count(fx.effects(), 'deal_move:6:')).toBe(1);
    expect(await countInbox()).toBe(0);
  });

  it('after a deal move whose echo was never recorded: its return is reconciled to nothing', async () => {
    fx = await startedFixture();
    const dying: SyncPorts = {
      ...fx.ports,
      moveDeal: async (dealId, stageId) => {
        await fx.ports.moveDeal(dealId, stageId);
        return never();
      },
    };
    fx.sim.state.runOrderAction(1, 'ship', ADMIN_ID);
    void fx.engine({ ports: dying }).request();
    await until(() => fx.effects().some((e) => e.startsWith('deal_move:6:')));
    await restart();

    await fx.settle(fx.engine({ clockOffsetMs: LEASE_MS + 1000 }));
    expect(fx.sim.state.getDeal(6)!.stageId).toBe(4);
    expect(fx.effects()).toEqual(['order_action:1:ship', 'deal_move:6:3->4']);
    expect(await allOutbox()).toEqual([]);
  });

  it('after creating a deal and before linking it: the next worker finds the deal and creates no second one', async () => {
    fx = await startedFixture();
    fx.setSettings((s) => ({
      ...s,
      autoCreate: [
        {
          storefront: fx.sim.state.host,
          enabled: true,
          trigger: 'order_create',
          funnelId: 1,
          stageId: 1,
          ownerId: null,
        },
      ],
    }));
    const dying: SyncPorts = {
      ...fx.ports,
      createLinkedDeal: async (params) => {
        await fx.ports.createLinkedDeal(params);
        return never();
      },
    };
    const order = fx.sim.state.addOrder({ contactId: 5, actorId: ADMIN_ID, items: [{ skuId: 1, quantity: 2 }] });
    void fx.engine({ ports: dying }).request();
    await until(() => fx.effects().some((e) => e.startsWith('deal_create_backend')));
    await restart();

    await fx.settle(fx.engine({ clockOffsetMs: LEASE_MS + 1000 }));
    expect(count(fx.effects(), 'deal_create_backend')).toBe(1);
    expect([...fx.sim.state.deals.values()].filter((d) => d.externalId === `shop:${order.id}`)).toHaveLength(1);
    expect(await allOutbox()).toEqual([]);
  });
});

describe('a change seen while our own write to the same deal is unsettled', () => {
  it('waits for the write to settle, then recognises the change as its echo', async () => {
    fx = await startedFixture();
    fx.setSettings((s) => ({
      ...s,
      mappings: [
        {
          funnelId: 1,
          rules: [{ actionId: 'comment', target: { kind: 'won' }, direction: 'order_to_deal', allowBackward: false }],
        },
      ],
    }));
    const dying: SyncPorts = {
      ...fx.ports,
      closeDeal: async (dealId, status) => {
        await fx.ports.closeDeal(dealId, status);
        return never();
      },
    };
    fx.sim.state.runOrderAction(1, 'comment', ADMIN_ID, { text: 'done' });
    void fx.engine({ ports: dying }).request();
    await until(() => fx.effects().includes('deal_close:6:WON'));
    await restart();

    // The next worker sees "deal won" in the history before it has checked its own close.
    await fx.settle(fx.engine({ clockOffsetMs: LEASE_MS + 1000 }), 2);
    await fx.settle(fx.engine({ clockOffsetMs: LEASE_MS + 5000 }), 2);
    expect(await countInbox()).toBe(0);
    expect(count(fx.effects(), 'deal_close:6:WON')).toBe(1);
    expect(count(fx.effects(), 'order_action:1:complete')).toBe(0); // the close rule did not fire on our own close
  });
});
