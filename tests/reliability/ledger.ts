import type { Sim } from '../../sim/server';

/**
 * Who did what, in order: the simulator's flat effect list, with the stretches caused by the
 * scripted user marked, so that everything else is Dealbridge's (the soak makes no other
 * writes). Used to prove that no action ran twice and no deal was created twice.
 */
export class EffectLedger {
  private readonly userRanges: Array<[number, number]> = [];

  constructor(private readonly sim: Sim) {}

  /** Runs a change of the scripted user and remembers which effects it caused. */
  user<T>(change: () => T): T {
    const start = this.sim.log.effects().length;
    try {
      return change();
    } finally {
      this.userRanges.push([start, this.sim.log.effects().length]);
    }
  }

  private isUser(index: number): boolean {
    return this.userRanges.some(([from, to]) => index >= from && index < to);
  }

  /** Effects with their author, in order. */
  entries(): Array<{ effect: string; byUser: boolean }> {
    return this.sim.log.effects().map((effect, index) => ({ effect, byUser: this.isUser(index) }));
  }

  /**
   * Violations of "nothing done twice": the same Dealbridge write on the same object twice
   * with no other change of that object in between, and more than one deal created for an order.
   */
  doubles(): string[] {
    const problems: string[] = [];
    const lastByObject = new Map<string, { effect: string; byUser: boolean }>();
    const createdFor = new Map<number, number>();
    for (const entry of this.entries()) {
      const object = objectOf(entry.effect);
      const created = /^deal_create_backend:\d+:order:(\d+)$/.exec(entry.effect);
      if (created && !entry.byUser) {
        const orderId = Number(created[1]);
        createdFor.set(orderId, (createdFor.get(orderId) ?? 0) + 1);
      }
      if (!object) continue;
      const last = lastByObject.get(object);
      if (last && !last.byUser && !entry.byUser && normalise(last.effect) === normalise(entry.effect)) {
        problems.push(`ran twice: ${entry.effect}`);
      }
      lastByObject.set(object, entry);
    }
    for (const [orderId, count] of createdFor)
      if (count > 1) problems.push(`${count} deals created for order ${orderId}`);
    return problems;
  }
}

/** The object an effect changes: "order:3", "deal:6". */
function objectOf(effect: string): string | null {
  const order = /^order_action:(\d+):/.exec(effect);
  if (order) return `order:${order[1]}`;
  const deal = /^deal_(?:move|close|reopen|patch|delete):(\d+)/.exec(effect);
  if (deal) return `deal:${deal[1]}`;
  return null;
}

/** A move is "the same" when it goes to the same stage (from wherever). */
function normalise(effect: string): string {
  return effect.replace(/^(deal_move:\d+):\d+->/, '$1:->');
}
