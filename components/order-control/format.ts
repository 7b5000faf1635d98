import { currentLanguage, formatMoney } from '@/utils/i18n';
import { t } from './i18n';
import { tp, type PanelMessageKey } from './panel-i18n';
import type { Problem } from './controller';

export function formatDate(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return date.toLocaleDateString(currentLanguage() === 'ru' ? 'ru-RU' : 'en-US', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  });
}

export function formatAmount(amount: number | null, currency: string | null): string {
  return amount === null ? '' : formatMoney(amount, currency);
}

const KNOWN_PROBLEMS = new Set<string>([
  'not_connected',
  'other_installation',
  'no_customer',
  'order_already_linked',
  'deal_linked_elsewhere',
  'deal_closed',
  'deal_other_customer',
  'deal_not_found',
  'session_expired',
  'forbidden',
  'permission',
  'auth',
  'unreachable',
  'no_csrf',
  'server_error',
  'refused',
  'bad_reply',
  'link_not_confirmed',
]);

/** A problem in the user's language; codes Dealbridge does not know fall back to the background's text. */
export function describeProblem(problem: Problem): string {
  if (problem.code === 'extension_unavailable') return t('err_extension_unavailable');
  if (KNOWN_PROBLEMS.has(problem.code)) return tp(`err_${problem.code}` as PanelMessageKey);
  if (problem.code === 'server' || problem.code === 'malformed') return tp('err_server_error');
  return tp('err_other', { message: problem.message || problem.code });
}

/** Why a read failed, and its one remedy: try again, open the settings, or nothing (the text says what to do). */
export interface LoadFailure {
  text: string;
  remedy: 'retry' | 'settings' | null;
}

const LOAD_KINDS: Record<string, { key: PanelMessageKey; remedy: LoadFailure['remedy'] }> = {
  unreachable: { key: 'load_unreachable', remedy: 'retry' },
  server: { key: 'load_server', remedy: 'retry' },
  server_error: { key: 'load_server', remedy: 'retry' },
  malformed: { key: 'load_bad_reply', remedy: 'retry' },
  bad_reply: { key: 'load_bad_reply', remedy: 'retry' },
  rate_limited: { key: 'load_rate_limited', remedy: 'retry' },
  auth: { key: 'load_auth', remedy: 'settings' },
  not_connected: { key: 'load_not_connected', remedy: 'settings' },
  permission: { key: 'load_permission', remedy: null },
  licence: { key: 'load_permission', remedy: null },
  forbidden: { key: 'load_permission', remedy: null },
  session_expired: { key: 'load_session_expired', remedy: null },
  other_installation: { key: 'load_other_installation', remedy: null },
};

export function describeLoadFailure(problem: Problem, what: 'context' | 'picker'): LoadFailure {
  const lead = tp(what === 'context' ? 'loadFailed_context' : 'loadFailed_picker');
  if (problem.code === 'extension_unavailable')
    return { text: `${lead} ${t('err_extension_unavailable')}`, remedy: null };
  const kind = LOAD_KINDS[problem.code] ?? { key: 'load_internal' as const, remedy: 'retry' as const };
  return { text: `${lead} ${tp(kind.key)}`, remedy: kind.remedy };
}

/** Only web links become hrefs (a `javascript:` URL must never be clickable). */
export function safeHref(url: string): string | undefined {
  return /^https?:\/\//i.test(url) ? url : undefined;
}
