import type { SettingsCatalog } from '@/utils/settings/catalog-view';
import type { SettingsCheck, TargetKey } from '@/utils/settings/checks';
import { currentLanguage } from '@/utils/i18n';
import { defaultActionName } from '@/utils/settings/workflow';
import { t } from './i18n';

/** Names for ids, from the live catalog; an unknown id is shown as itself so nothing is hidden. */
export function namer(catalog: SettingsCatalog | null) {
  const action = (id: string) =>
    catalog?.actions.find((a) => a.id === id && a.nameSource !== 'default')?.name ??
    defaultActionName(id, currentLanguage()) ??
    catalog?.actions.find((a) => a.id === id)?.name ??
    id;
  const funnel = (id: number) => catalog?.funnels.find((f) => f.id === id)?.name ?? `#${id}`;
  const stage = (id: number) => {
    for (const f of catalog?.funnels ?? []) {
      const s = f.stages.find((x) => x.id === id);
      if (s) return s.name;
    }
    return `#${id}`;
  };
  const state = (id: string) => catalog?.states.find((s) => s.id === id)?.name ?? id;
  const target = (key: TargetKey | null): string => {
    if (key === 'won') return t('wonTarget');
    if (key === 'lost') return t('lostTarget');
    if (key === null) return '';
    return t('stageNamed', { stage: stage(Number(key.slice('stage:'.length))) });
  };
  return { action, funnel, stage, state, target };
}

export type Namer = ReturnType<typeof namer>;

/** One check as a sentence in the page's language. */
export function describeCheck(check: SettingsCheck, names: Namer): string {
  const text = sentence(check, names);
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function sentence(check: SettingsCheck, names: Namer): string {
  switch (check.kind) {
    case 'several_actions':
      return t('checkSeveral', {
        target: names.target(check.target),
        actions: check.actionIds.map((id) => t('quoted', { text: names.action(id) })).join(', '),
        first: names.action(check.actionIds[0]),
      });
    case 'never_available':
      return t('checkNeverAvailable', {
        target: names.target(check.target),
        states: check.impliedStateIds.map((id) => t('quoted', { text: names.state(id) })).join(t('orState')),
        action: names.action(check.actionId),
      });
    case 'chain': {
      const chain = check.steps
        .map((step) =>
          step.target ? `${names.action(step.actionId)} → ${names.target(step.target)}` : names.action(step.actionId),
        )
        .join(' → ');
      return t(check.loop ? 'checkLoop' : 'checkChain', { chain });
    }
    case 'duplicate_action':
      return t('checkDuplicate', { action: names.action(check.actionId) });
    case 'stale_funnel':
      return t('checkGoneFunnel', { id: check.funnelId });
    case 'stale_stage':
      return t('checkGoneStage', { id: check.stageId, funnel: names.funnel(check.funnelId) });
    case 'stale_action':
      return t('checkGoneAction', { action: check.actionId });
    case 'stale_storefront':
      return t('checkGoneStorefront', { storefront: check.storefront });
    case 'stale_user':
      return t('checkGoneUser', { id: check.userId });
    case 'archived_funnel':
      return t('checkArchivedFunnel', { funnel: names.funnel(check.funnelId) });
  }
}

/** Which checks belong to which part of the page. */
export function checksForFunnel(checks: SettingsCheck[], funnelId: number): SettingsCheck[] {
  return checks.filter((c) => {
    if ('where' in c) return c.where.section === 'mapping' && c.where.funnelId === funnelId;
    return 'funnelId' in c && c.funnelId === funnelId;
  });
}

export function checksForStorefront(checks: SettingsCheck[], storefront: string): SettingsCheck[] {
  return checks.filter((c) => {
    if (c.kind === 'stale_storefront' || c.kind === 'stale_user') return c.storefront === storefront;
    return 'where' in c && c.where.section === 'autoCreate' && c.where.storefront === storefront;
  });
}

export function checksForNewDeal(checks: SettingsCheck[]): SettingsCheck[] {
  return checks.filter((c) => 'where' in c && c.where.section === 'newDeal');
}
