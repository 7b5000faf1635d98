import { useEffect, useRef, useState } from 'preact/hooks';
import type { NewDealChoice, PickerData } from './controller';
import { tp } from './panel-i18n';

/**
 * "New deal": funnel, stage and owner, defaulting to the settings' funnel and stage and to
 * the current user. Choices survive a failed attempt (the form stays as it was).
 */
export function NewDealForm({
  data,
  busy,
  onSubmit,
  onCancel,
}: {
  data: PickerData;
  busy: boolean;
  onSubmit: (choice: NewDealChoice) => void;
  onCancel: () => void;
}) {
  const initial = defaultChoice(data);
  const [funnelId, setFunnelId] = useState(initial.funnelId);
  const [stageId, setStageId] = useState(initial.stageId);
  const [ownerId, setOwnerId] = useState(data.me.id);
  const first = useRef<HTMLSelectElement>(null);
  useEffect(() => first.current?.focus(), []);

  const funnel = data.funnels.find((f) => f.id === funnelId);
  const users = data.users.some((u) => u.id === data.me.id) ? data.users : [data.me, ...data.users];
  const ready = funnel?.stages.some((s) => s.id === stageId) && !busy;

  return (
    <form
      class="db-new"
      data-dealbridge="new-deal-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (ready) onSubmit({ funnelId, stageId, ownerId });
      }}
    >
      <p class="db-hint" data-dealbridge="new-deal-name">
        {tp('newDealName', { name: data.newDealName })}
      </p>
      <label>
        <span>{tp('funnel')}</span>
        <select
          ref={first}
          value={String(funnelId)}
          onChange={(event) => {
            const next = Number((event.currentTarget as HTMLSelectElement).value);
            setFunnelId(next);
            setStageId(data.funnels.find((f) => f.id === next)?.stages[0]?.id ?? 0);
          }}
          data-dealbridge="new-deal-funnel"
        >
          {data.funnels.map((f) => (
            <option key={f.id} value={String(f.id)}>
              {f.isArchived ? tp('archived', { name: f.name }) : f.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{tp('stage')}</span>
        <select
          value={String(stageId)}
          onChange={(event) => setStageId(Number((event.currentTarget as HTMLSelectElement).value))}
          data-dealbridge="new-deal-stage"
        >
          {(funnel?.stages ?? []).map((s) => (
            <option key={s.id} value={String(s.id)}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{tp('owner')}</span>
        <select
          value={String(ownerId)}
          onChange={(event) => setOwnerId(Number((event.currentTarget as HTMLSelectElement).value))}
          data-dealbridge="new-deal-owner"
        >
          {users.map((u) => (
            <option key={u.id} value={String(u.id)}>
              {u.id === data.me.id ? tp('me', { name: u.name }) : u.name}
            </option>
          ))}
        </select>
      </label>
      <div class="db-actions">
        <button type="submit" class="db-button db-primary" disabled={!ready} data-dealbridge="new-deal-submit">
          {busy ? tp('creating') : tp('createDeal')}
        </button>
        <button type="button" class="db-button" onClick={onCancel}>
          {tp('cancel')}
        </button>
      </div>
    </form>
  );
}

/** The settings' defaults when they still exist, else the first open funnel and its first stage. */
function defaultChoice(data: PickerData): { funnelId: number; stageId: number } {
  const funnel =
    data.funnels.find((f) => f.id === data.defaults.funnelId) ??
    data.funnels.find((f) => !f.isArchived) ??
    data.funnels[0];
  if (!funnel) return { funnelId: 0, stageId: 0 };
  const stage = funnel.stages.find((s) => s.id === data.defaults.stageId) ?? funnel.stages[0];
  return { funnelId: funnel.id, stageId: stage?.id ?? 0 };
}
