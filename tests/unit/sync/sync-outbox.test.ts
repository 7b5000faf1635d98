import { describe, expect, it } from 'vitest';
import { afterFailure, asProblem, markInFlight, mergeOutbox, newOutboxRecord } from '../../../utils/sync/model/outbox';
import { NEVER, type Effect, type Trigger } from '../../../utils/sync/model/outbox-types';
import { DEFAULT_RETRY_POLICY, retryDelay } from '../../../utils/sync/model/retry';
import { classifyFailure } from '../../../utils/sync/model/failure';
import { ApiError, type ApiErrorKind } from '../../../utils/api/errors';
import { BackendError } from '../../../utils/backend/errors';
import { dealEcho, findDealEcho, findOrderEcho, orderEcho } from '../../../utils/sync/model/echo';

const trigger: Trigger = {
  kind: 'order_action',
  orderId: 5,
  orderNumber: '#1005',
  actionId: 'pay',
  actionName: 'Paid',
  logId: 9,
};
const follow = (actionIds: string[]): Effect => ({ kind: 'deal_follow', orderId: 5, dealId: 50, actionIds });
const policy = { baseMs: 1000, maxMs: 60_000, maxAttempts: 3, lostWriteSettleMs: 0 };
const half = () => 0.5;

describe('outbox state machine', () => {
  it('one item per object: a newer observation merges into the pending one', () => {
    const first = newOutboxRecord(follow(['process']), trigger, { orderNumber: '#1005', dealName: null }, 100);
    const inFlight = markInFlight(first, 'deal_move', 150);
    const second = newOutboxRecord(
      follow(['pay']),
      { ...trigger, logId: 10 },
      { orderNumber: null, dealName: 'Deal' },
      200,
    );
    const merged = mergeOutbox(inFlight, second);
    expect(merged.id).toBe('deal:50');
    expect(merged.effect).toEqual(follow(['process', 'pay']));
    expect(merged.createdAt).toBe(100);
    expect(merged.inFlight).toEqual({ op: 'deal_move', startedAt: 150 }); // the lost write is still checked
    expect(merged.orderNumber).toBe('#1005');
    expect(merged.dealName).toBe('Deal');
  });

  it('a new observation of a parked problem puts it back in line', () => {
    const problem = asProblem(
      newOutboxRecord(follow(['pay']), trigger, { orderNumber: null, dealName: null }, 1),
      { code: 'not_available', params: {} },
      2,
    );
    expect(problem.dueAt).toBe(NEVER);
    const merged = mergeOutbox(
      problem,
      newOutboxRecord(follow(['ship']), trigger, { orderNumber: null, dealName: null }, 3),
    );
    expect(merged.status).toBe('pending');
    expect(merged.problem).toBeNull();
    expect(merged.dueAt).toBe(3);
  });

  it('backs off exponentially with jitter, honours Retry-After, and parks after the last try', () => {
    let record = newOutboxRecord(follow(['pay']), trigger, { orderNumber: null, dealName: null }, 0);
    const lost = {
      kind: 'uncertain' as const,
      message: 'timeout',
      retryAfterMs: null,
      actionId: null,
      answered: false,
    };
    record = afterFailure(record, lost, 0, policy, half);
    expect([record.status, record.attempts, record.dueAt]).toEqual(['pending', 1, 750]);
    record = afterFailure(record, { ...lost, retryAfterMs: 30_000 }, 0, policy, half);
    expect([record.status, record.attempts, record.dueAt]).toEqual(['pending', 2, 30_000]);
    record = afterFailure(record, lost, 0, policy, half);
    expect(record.status).toBe('problem');
    expect(record.problem).toEqual({ code: 'retries_exhausted', params: { error: 'timeout' } });
  });

  it('a write without an answer is re-read only once the server must be done with it', () => {
    const slow = { ...policy, lostWriteSettleMs: 25_000 };
    const sent = markInFlight(
      newOutboxRecord(follow(['pay']), trigger, { orderNumber: null, dealName: null }, 0),
      'deal_move',
      1000,
    );
    const timedOut = afterFailure(
      sent,
      { kind: 'uncertain', message: 'timeout', retryAfterMs: null, actionId: null, answered: false },
      21_000,
      slow,
      half,
    );
    expect(timedOut.dueAt).toBe(26_000);
    expect(timedOut.inFlight).toEqual({ op: 'deal_move', startedAt: 1000, answered: false });
    const answered = afterFailure(
      sent,
      { kind: 'uncertain', message: '500', retryAfterMs: null, actionId: null, answered: true },
      2000,
      slow,
      half,
    );
    expect(answered.dueAt).toBe(2750);
  });

  it('delays stay between half and all of the exponential step, capped', () => {
    for (let attempts = 1; attempts <= 12; attempts++) {
      const step = Math.min(DEFAULT_RETRY_POLICY.maxMs, DEFAULT_RETRY_POLICY.baseMs * 2 ** (attempts - 1));
      expect(retryDelay(attempts, DEFAULT_RETRY_POLICY, () => 0)).toBe(step / 2);
      expect(retryDelay(attempts, DEFAULT_RETRY_POLICY, () => 1)).toBe(step);
    }
  });
});

describe('failure classification', () => {
  const api = (
    kind: ApiErrorKind,
    status: number | null = null,
    extra: Partial<ConstructorParameters<typeof ApiError>[0]> = {},
  ) => new ApiError({ kind, method: 'crm.deal.move', status, ...extra });
  it.each([
    [api('timeout'), true, 'uncertain'],
    [api('network'), true, 'uncertain'],
    [api('server', 502), true, 'uncertain'],
    [api('malformed', 200), true, 'uncertain'],
    [api('timeout'), false, 'transient'],
    [api('bad_request', 408), true, 'uncertain'],
    [api('rate_limited', 429, { retryAfterMs: 5000 }), true, 'rate'],
    [api('conflict', 409, { actionId: 'pay' }), true, 'conflict'],
    [api('auth', 401), false, 'auth'],
    [api('permission', 403), true, 'forbidden'],
    [api('not_found', 404), true, 'not_found'],
    [api('bad_request', 400), true, 'rejected'],
    [new BackendError('session', 'expired'), true, 'session'],
    [new BackendError('server', '500', 500), true, 'uncertain'],
    [new TypeError('boom'), true, 'uncertain'],
  ] as const)('%s (write %s) → %s', (error, write, kind) => {
    expect(classifyFailure(error, write).kind).toBe(kind);
  });
});

describe('echo recognition', () => {
  const ME = 1;
  it('matches our own deal move once, by deal, stage and actor', () => {
    const echo = dealEcho(6, 'deal_step', 4, 10_000);
    const entry = { id: 1, action: 'deal_step', actorId: ME, stageBefore: 3, stageAfter: 4, at: 9_000 };
    expect(findDealEcho(entry, 6, [echo], ME)).toBe(echo);
    expect(findDealEcho({ ...entry, action: 'deal_move' }, 6, [echo], ME)).toBe(echo);
    expect(findDealEcho({ ...entry, stageAfter: 5 }, 6, [echo], ME)).toBeNull();
    expect(findDealEcho({ ...entry, actorId: 2 }, 6, [echo], ME)).toBeNull();
    expect(findDealEcho(entry, 7, [echo], ME)).toBeNull();
    expect(findDealEcho({ ...entry, at: 10_000 - 11 * 60_000 }, 6, [echo], ME)).toBeNull();
  });

  it('matches our own order action by log id, or by action when the id was lost', () => {
    const byId = orderEcho(1, 'complete', 77, 0);
    const byAction = orderEcho(1, 'complete', null, 0);
    expect(findOrderEcho({ id: 77, actionId: 'complete', contactId: ME }, 1, [byId], ME)).toBe(byId);
    expect(findOrderEcho({ id: 78, actionId: 'complete', contactId: ME }, 1, [byId], ME)).toBeNull();
    expect(findOrderEcho({ id: 78, actionId: 'complete', contactId: ME }, 1, [byAction], ME)).toBe(byAction);
    expect(findOrderEcho({ id: 78, actionId: 'complete', contactId: 3 }, 1, [byAction], ME)).toBeNull();
  });
});
