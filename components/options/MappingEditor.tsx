import type { CatalogAction, CatalogFunnel, SettingsCatalog } from '@/utils/settings/catalog-view';
import type { SettingsCheck } from '@/utils/settings/checks';
import type { Rule, Settings } from '@/utils/settings/schema';
import { CheckList } from './CheckList';
import { checksForFunnel, type Namer } from './describe';
import { parseTargetValue, removeFunnelRules, ruleFor, setRule, targetValue } from './draft';
import { t } from './i18n';
import { closeOutcomes } from '@/utils/settings/close-rules';
import { defaultActionHasForm, defaultFormChoice, type FormChoice as FormChoiceValue } from '@/utils/settings/workflow';

interface Props {
  settings: Settings;
  catalog: SettingsCatalog;
  checks: SettingsCheck[];
  names: Namer;
  onEdit(change: (s: Settings) => Settings): void;
}

/** One table per funnel, like Webasyst's "Workflow-Funnel synchronization", plus direction and "allow backward" per row. */
export function MappingEditor({ settings, catalog, checks, names, onEdit }: Props) {
  const open = catalog.funnels.filter((f) => !f.isArchived);
  const archived = catalog.funnels.filter((f) => f.isArchived);
  const known = new Set(catalog.funnels.map((f) => f.id));
  const gone = settings.mappings.filter((m) => !known.has(m.funnelId) && m.rules.length > 0);
  const table = (funnel: CatalogFunnel) => (
    <FunnelTable
      key={funnel.id}
      funnel={funnel}
      settings={settings}
      catalog={catalog}
      checks={checksForFunnel(checks, funnel.id)}
      names={names}
      onEdit={onEdit}
    />
  );
  return (
    <section class="db-section" data-dealbridge="mapping-editor" aria-labelledby="db-mapping-title">
      <h2 id="db-mapping-title">{t('mappingTitle')}</h2>
      <p class="db-intro">{t('mappingIntro')}</p>
      <p class="db-muted">{t('mappingActionsNote')}</p>
      {catalog.funnels.length === 0 ? <p>{t('noFunnels')}</p> : null}
      {catalog.actions.length === 0 ? <p>{t('noActions')}</p> : null}
      {open.map(table)}
      {archived.length > 0 ? (
        <details open={archived.some((f) => settings.mappings.some((m) => m.funnelId === f.id && m.rules.length > 0))}>
          <summary>{t('archivedFunnels', { count: archived.length })}</summary>
          {archived.map(table)}
        </details>
      ) : null}
      {gone.map((mapping) => (
        <fieldset key={mapping.funnelId} class="db-funnel db-gone" data-funnel-id={mapping.funnelId}>
          <legend>{t('goneFunnel', { id: mapping.funnelId })}</legend>
          <p>
            {t('ruleCount', { count: mapping.rules.length })}:{' '}
            {mapping.rules.map((r) => names.action(r.actionId)).join(', ')}
          </p>
          <button type="button" class="db-button" onClick={() => onEdit((s) => removeFunnelRules(s, mapping.funnelId))}>
            {t('removeRules')}
          </button>
        </fieldset>
      ))}
    </section>
  );
}

function FunnelTable({
  funnel,
  settings,
  catalog,
  checks,
  names,
  onEdit,
}: Omit<Props, 'catalog'> & { funnel: CatalogFunnel; catalog: SettingsCatalog }) {
  const mapped = settings.mappings.find((m) => m.funnelId === funnel.id)?.rules ?? [];
  const listed = new Set(catalog.actions.map((a) => a.id));
  // Actions that left the workflow still show, so their rules can be seen and removed.
  const goneActions: CatalogAction[] = [
    ...new Set(mapped.filter((r) => !listed.has(r.actionId)).map((r) => r.actionId)),
  ].map((id) => ({
    id,
    name: names.action(id),
    nameSource: 'id',
    targetStateId: null,
    hasForm: null,
  }));
  const checksId = `db-checks-funnel-${funnel.id}`;
  const stages = [...funnel.stages].sort((a, b) => a.number - b.number);
  return (
    <fieldset class="db-funnel" data-dealbridge="mapping-funnel" data-funnel-id={funnel.id}>
      <legend>
        {funnel.color ? <span class="db-swatch" style={{ background: funnel.color }} aria-hidden="true" /> : null}
        {funnel.name} {funnel.isArchived ? <span class="db-muted">{t('archived')}</span> : null}
      </legend>
      <CloseSummary table={mapped} closeRules={settings.closeRules} names={names} />
      <CheckList checks={checks} names={names} id={checksId} />
      <table class="db-mapping">
        <thead>
          <tr>
            <th scope="col">{t('actionsColumn')}</th>
            <th scope="col">{t('targetColumn')}</th>
            <th scope="col">{t('directionColumn')}</th>
            <th scope="col">{t('backwardColumn')}</th>
            <th scope="col">{t('formColumn')}</th>
          </tr>
        </thead>
        <tbody>
          {[...catalog.actions, ...goneActions].map((action) => {
            const rule = ruleFor(settings, funnel.id, action.id);
            const gone = !listed.has(action.id);
            const flagged =
              checks.some((c) => 'actionId' in c && c.actionId === action.id) ||
              checks.some((c) => c.kind === 'several_actions' && c.actionIds.includes(action.id)) ||
              checks.some((c) => c.kind === 'chain' && c.steps.some((s) => s.actionId === action.id));
            return (
              <MappingRow
                key={action.id}
                funnelId={funnel.id}
                action={action}
                gone={gone}
                rule={rule}
                stages={stages}
                describedBy={flagged ? checksId : undefined}
                onEdit={onEdit}
              />
            );
          })}
        </tbody>
      </table>
    </fieldset>
  );
}

function MappingRow(props: {
  funnelId: number;
  action: CatalogAction;
  gone: boolean;
  rule: Rule | null;
  stages: CatalogFunnel['stages'];
  describedBy?: string;
  onEdit: Props['onEdit'];
}) {
  const { funnelId, action, gone, rule, stages, describedBy, onEdit } = props;
  const base = `db-map-${funnelId}-${action.id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const value = rule ? targetValue(rule.target) : 'none';
  const inactive = !rule;
  const change = (patch: Partial<Omit<Rule, 'actionId'>>) => onEdit((s) => setRule(s, funnelId, action.id, patch));
  const staleStage =
    rule?.target.kind === 'stage' && !stages.some((s) => rule.target.kind === 'stage' && s.id === rule.target.stageId);
  return (
    <tr data-dealbridge="mapping-row" data-action-id={action.id} class={gone ? 'db-gone' : undefined}>
      <th scope="row">
        <label for={`${base}-target`}>{action.name}</label>{' '}
        {action.nameSource !== 'id' && action.name !== action.id ? <code class="db-muted">{action.id}</code> : null}
        {gone ? <span class="db-warning-text"> — {t('goneAction')}</span> : null}
      </th>
      <td>
        <select
          id={`${base}-target`}
          data-dealbridge="mapping-target"
          aria-describedby={describedBy}
          value={value}
          onChange={(e) => change({ target: parseTargetValue(e.currentTarget.value) })}
        >
          <option value="none">{t('noAction')}</option>
          <optgroup label={t('stagesGroup')}>
            {stages.map((stage) => (
              <option key={stage.id} value={`stage:${stage.id}`}>
                {stage.name}
              </option>
            ))}
            {staleStage && rule?.target.kind === 'stage' ? <option value={value}>#{rule.target.stageId}</option> : null}
          </optgroup>
          <optgroup label={t('closeGroup')}>
            <option value="won">{t('won')}</option>
            <option value="lost">{t('lost')}</option>
          </optgroup>
        </select>
      </td>
      <td>
        <select
          id={`${base}-direction`}
          data-dealbridge="mapping-direction"
          aria-label={t('directionFor', { action: action.name })}
          value={rule?.direction ?? 'both'}
          disabled={inactive}
          onChange={(e) => change({ direction: e.currentTarget.value as Rule['direction'] })}
        >
          <option value="both">{t('directionBoth')}</option>
          <option value="order_to_deal">{t('directionOrderToDeal')}</option>
          <option value="deal_to_order">{t('directionDealToOrder')}</option>
        </select>
      </td>
      <td>
        <input
          type="checkbox"
          id={`${base}-backward`}
          data-dealbridge="mapping-backward"
          aria-label={t('backwardFor', { action: action.name })}
          checked={rule?.allowBackward ?? false}
          disabled={inactive || rule?.target.kind !== 'stage'}
          onChange={(e) => change({ allowBackward: e.currentTarget.checked })}
        />
      </td>
      <td>
        {action.hasForm === false ? (
          <span class="db-muted">{t('noForm')}</span>
        ) : (
          <FormChoice
            id={`${base}-form`}
            actionId={action.id}
            label={t('formFor', { action: action.name })}
            value={rule?.formChoice ?? defaultFormChoice(action.id)}
            disabled={inactive || rule?.direction === 'order_to_deal'}
            onChange={(formChoice) => change({ formChoice })}
          />
        )}
      </td>
    </tr>
  );
}

/** Run without the form, or ask a person; with what "without the form" leaves out. Also used by the close rules. */
export function FormChoice(props: {
  id: string;
  actionId: string;
  label: string;
  value: FormChoiceValue;
  disabled: boolean;
  close?: 'won' | 'lost';
  onChange(value: FormChoiceValue): void;
}) {
  const { id, actionId, label, value, disabled, close, onChange } = props;
  return (
    <div class={close ? 'db-form-choice db-form-choice--close' : 'db-form-choice'}>
      {close ? <label for={id}>{label}</label> : null}{' '}
      <select
        id={id}
        data-dealbridge="rule-form-choice"
        data-close={close}
        aria-label={close ? undefined : label}
        aria-describedby={disabled ? undefined : `${id}-note`}
        value={value}
        disabled={disabled}
        onChange={(e) => onChange(e.currentTarget.value === 'ask' ? 'ask' : 'run')}
      >
        <option value="run">{t('formRun')}</option>
        <option value="ask">{t('formAsk')}</option>
      </select>
      {/* A row without a rule has nothing to explain yet. */}
      {disabled ? null : (
        <div class="db-muted db-form-note" id={`${id}-note`}>
          {value === 'ask' ? t('formAskNote') : leftOutNote(actionId)}
        </div>
      )}
    </div>
  );
}

const LEFT_OUT = ['pay', 'ship', 'fulfilling', 'delete', 'refund', 'complete'] as const;

function leftOutNote(actionId: string): string {
  const known = LEFT_OUT.find((id) => id === actionId);
  return known ? t(`formLeftOut_${known}`) : t('formLeftOut_other');
}

/** One line per funnel: what a won and a lost deal will do to the order (a ticked close rule never silently does nothing). */
function CloseSummary({
  table,
  closeRules,
  names,
}: {
  table: readonly Rule[];
  closeRules: Settings['closeRules'];
  names: Namer;
}) {
  const [won, lost] = closeOutcomes(table, closeRules).map((outcome) => {
    const { actions } = outcome;
    if (actions.length === 0) return t('outcomeNothing');
    if (actions.length > 1)
      return t('outcomeFirst', {
        list: actions.map((a) => t('quoted', { text: names.action(a.actionId) })).join(', '),
      });
    const action = names.action(actions[0].actionId);
    return actions[0].formChoice === 'ask' && defaultActionHasForm(actions[0].actionId) !== false
      ? t('outcomeAsks', { action })
      : t('outcomeRuns', { action });
  });
  return (
    <p class="db-muted" data-dealbridge="close-summary">
      {t('closeSummary', { won, lost })}
    </p>
  );
}
