import { describe, expect, it } from 'vitest';
import { DEFAULT_ACTIONS, defaultActionTarget } from '../../../utils/settings/workflow';
import { decideDealWrite, decideOrderWrite, type AvailableAction } from '../../../utils/sync/model/reconcile';
import type { FunnelInfo } from '../../../utils/sync/model/rules';

const FUNNELS: FunnelInfo[] = [
  { id: 1, name: 'Sales', stages: [1, 2, 3, 4, 5].map((id) => ({ id, name: `S${id}`, number: id })) },
  { id: 2, name: 'B2B', stages: [6, 7].map((id) => ({ id, name: `W${id}`, number: id })) },
];
const deal = (stageId: number, status: 'OPEN' | 'WON' | 'LOST' = 'OPEN') => ({
  stageId,
  status,
  funnelId: stageId >= 6 ? 2 : 1,
});

describe('deal reconciliation', () => {
  it.each([
    // [deal now, target, allowBackward, decision]
    [deal(2), { kind: 'stage', stageId: 4 }, false, { kind: 'write', ops: [{ op: 'move', stageId: 4 }] }],
    [deal(4), { kind: 'stage', stageId: 4 }, false, { kind: 'already' }],
    [deal(4), { kind: 'stage', stageId: 2 }, false, { kind: 'not_forward' }],
    [deal(4), { kind: 'stage', stageId: 2 }, true, { kind: 'write', ops: [{ op: 'move', stageId: 2 }] }],
    [
      deal(2, 'LOST'),
      { kind: 'stage', stageId: 4 },
      false,
      { kind: 'write', ops: [{ op: 'reopen' }, { op: 'move', stageId: 4 }] },
    ],
    [deal(4, 'WON'), { kind: 'stage', stageId: 4 }, false, { kind: 'already' }],
    [deal(6), { kind: 'stage', stageId: 3 }, false, { kind: 'write', ops: [{ op: 'move', stageId: 3 }] }],
    [deal(2), { kind: 'won' }, false, { kind: 'write', ops: [{ op: 'close', status: 'WON' }] }],
    [deal(2, 'WON'), { kind: 'won' }, false, { kind: 'already' }],
    [
      deal(2, 'LOST'),
      { kind: 'won' },
      false,
      { kind: 'write', ops: [{ op: 'reopen' }, { op: 'close', status: 'WON' }] },
    ],
    [deal(2), { kind: 'lost' }, false, { kind: 'write', ops: [{ op: 'close', status: 'LOST' }] }],
    [deal(2, 'LOST'), { kind: 'lost' }, false, { kind: 'already' }],
    [deal(2, 'LOST'), { kind: 'reopen' }, false, { kind: 'write', ops: [{ op: 'reopen' }] }],
    [deal(2), { kind: 'reopen' }, false, { kind: 'already' }],
  ] as const)('deal %j, target %j, backward allowed %s → %j', (now, target, allowBackward, expected) => {
    expect(decideDealWrite(now, target, { allowBackward, funnels: FUNNELS })).toEqual(expected);
  });
});

const action = (id: string, dataRequired = false): AvailableAction => ({
  id,
  name: DEFAULT_ACTIONS[id]?.en ?? id,
  dataRequired,
});
const targetOf = (id: string) => {
  const t = defaultActionTarget(id);
  return t === 'previous' ? null : t;
};

/** Shop-Script's default workflow: actions with a form (data_required). */
const WITH_FORM = new Set([
  'pay',
  'fulfilling',
  'ship',
  'refund',
  'delete',
  'editcode',
  'editshippingdetails',
  'message',
  'comment',
  'capture',
  'pickup',
  'sendpin',
  'settle',
]);

describe('order reconciliation over every default workflow action', () => {
  const actions = Object.keys(DEFAULT_ACTIONS).filter((id) => !['create', 'edit', 'callback'].includes(id));

  it.each(actions)('%s offered now: runs it, or asks a person when it has a form', (id) => {
    const decision = decideOrderWrite({
      candidates: [id],
      available: [action('comment', true), action(id, WITH_FORM.has(id))],
      orderStateId: null,
      targetOf,
    });
    expect(decision).toEqual(
      WITH_FORM.has(id) ? { kind: 'needs_form', action: action(id, true) } : { kind: 'run', action: action(id) },
    );
  });

  it.each(actions.filter((id) => targetOf(id)))(
    '%s not offered, order already in its target state: already there',
    (id) => {
      expect(decideOrderWrite({ candidates: [id], available: [], orderStateId: targetOf(id), targetOf })).toEqual({
        kind: 'already',
      });
    },
  );

  it.each(actions.filter((id) => id !== 'restore'))(
    '%s not offered, order elsewhere: unavailable (a problem for a person)',
    (id) => {
      expect(
        decideOrderWrite({
          candidates: [id],
          available: [action('x_custom', true)],
          orderStateId: 'some-custom-state',
          targetOf,
        }),
      ).toEqual({
        kind: 'unavailable',
        actionId: id,
      });
    },
  );

  it('restore: any state but deleted is there', () => {
    expect(decideOrderWrite({ candidates: ['restore'], available: [], orderStateId: 'paid', targetOf })).toEqual({
      kind: 'already',
    });
    expect(decideOrderWrite({ candidates: ['restore'], available: [], orderStateId: 'deleted', targetOf })).toEqual({
      kind: 'unavailable',
      actionId: 'restore',
    });
  });

  it('the first offered action (in Webasyst’s order) among the mapped ones wins', () => {
    const available = [action('process'), action('complete')];
    expect(decideOrderWrite({ candidates: ['complete', 'process'], available, orderStateId: null, targetOf })).toEqual({
      kind: 'run',
      action: action('process'),
    });
  });

  it('a custom action whose target is unknown counts as done when it was the last to change the state', () => {
    const unknown = () => null;
    expect(
      decideOrderWrite({ candidates: ['approve'], available: [], orderStateId: 'approved', targetOf: unknown }),
    ).toEqual({ kind: 'unavailable', actionId: 'approve' });
    expect(
      decideOrderWrite({
        candidates: ['approve'],
        available: [],
        orderStateId: 'approved',
        targetOf: unknown,
        lastStateAction: 'approve',
      }),
    ).toEqual({
      kind: 'already',
    });
  });

  it('no mapped action: nothing to do', () => {
    expect(decideOrderWrite({ candidates: [], available: [action('process')], orderStateId: 'new', targetOf })).toEqual(
      { kind: 'none' },
    );
  });
});
