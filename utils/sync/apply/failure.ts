import { StopRun } from '../engine/context';
import { classifyFailure } from '../model/failure';
import { afterFailure } from '../model/outbox';
import type { ItemRun } from './run';

/** How long a "sign in to Webasyst" problem waits before trying again on its own. */
const SESSION_RETRY_MS = 2 * 60_000;

/** An item's try failed: a retry with backoff, or a problem that says why (auth stops the run). */
export async function onFailure(run: ItemRun, error: unknown): Promise<void> {
  const { ctx } = run;
  const failure = classifyFailure(error, run.writing);
  const now = ctx.now();
  const op = run.record.inFlight?.op ?? '';
  switch (failure.kind) {
    case 'auth':
      // Refused before anything ran: the item stays as it was, without a write to check.
      if (run.writing) await run.store({ ...run.record, inFlight: null });
      throw new StopRun(failure.message);
    case 'session':
      return run.problem({ code: 'session_required', params: {} }, now + SESSION_RETRY_MS);
    case 'forbidden':
      return run.problem({ code: 'forbidden', params: { error: failure.message } });
    case 'rejected':
      return run.problem({ code: 'rejected', params: { error: failure.message } });
    case 'conflict':
      if (failure.actionId)
        return run.problem({ code: 'builtin_form', params: { action: ctx.workflow.actionName(failure.actionId) } });
      break;
    case 'not_found':
      // The order's state changed between reading its actions and running one: decide again soon.
      if (run.writing && op.startsWith('order_action')) break;
      return run.problem({
        code: run.record.effect.kind === 'order_follow' && !op.startsWith('deal') ? 'order_missing' : 'deal_missing',
        params: {},
      });
    default:
      break;
  }
  // A write Webasyst refused (429, 404, 409…) did not happen: there is nothing to check later.
  // A lost one, or an earlier lost write when this try failed on a read, stays marked.
  const refused = run.writing && failure.kind !== 'uncertain';
  const next = afterFailure(
    { ...run.record, inFlight: refused ? null : run.record.inFlight },
    failure,
    now,
    ctx.deps.policy,
    ctx.deps.random,
  );
  await run.store(next);
  if (next.status === 'problem') {
    await ctx.deps.activity(run.activity({ kind: 'problem', outcome: 'failed' }));
  }
}
