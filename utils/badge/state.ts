import type { ConnectionView } from '../messaging/models';
import { t } from './i18n';

/**
 * What the toolbar shows, as one pure function of the status: nothing when all is well,
 * the number of pending items, or "!" — amber when a problem needs a person, red when the
 * connection itself is broken. The title says the same in words (and is what screen
 * readers announce).
 */

export interface BadgeInput {
  connection: Pick<ConnectionView, 'baseUrl' | 'health' | 'lastError'> | null;
  pendingCount: number;
  problemCount: number;
  paused: boolean;
}

export type BadgeTone = 'none' | 'pending' | 'warning' | 'error';

export interface BadgeState {
  text: string;
  tone: BadgeTone;
  /** Background colour for the tone; null when there is no badge. */
  color: string | null;
  title: string;
}

export const BADGE_COLORS: Record<Exclude<BadgeTone, 'none'>, string> = {
  pending: '#475569',
  warning: '#D97706',
  error: '#DC2626',
};

/** The badge has room for about four characters. */
function countText(count: number): string {
  return count > 999 ? '999+' : String(count);
}

export function badgeState(input: BadgeInput): BadgeState {
  const { connection, pendingCount, problemCount, paused } = input;
  if (!connection) return plain(t('notConnected'));
  if (connection.health === 'auth_error') return mark('error', t('authError'));
  if (connection.health === 'unreachable') return mark('error', t('unreachable', { host: hostOf(connection.baseUrl) }));

  const waiting = pendingCount > 0 ? `, ${t('pendingTail', { count: pendingCount })}` : '';
  if (problemCount > 0) return mark('warning', t('problems', { count: problemCount }) + waiting);
  if (connection.health === 'degraded') {
    return mark('warning', t('degraded', { detail: connection.lastError ?? t('degradedDefault') }) + waiting);
  }
  if (pendingCount > 0) {
    const title = t('pending', { count: pendingCount });
    return {
      text: countText(pendingCount),
      tone: 'pending',
      color: BADGE_COLORS.pending,
      title: paused ? `${title} (${t('pausedTail')})` : title,
    };
  }
  return plain(paused ? t('paused') : t('allWell'));
}

function mark(tone: 'warning' | 'error', title: string): BadgeState {
  return { text: '!', tone, color: BADGE_COLORS[tone], title };
}

function plain(title: string): BadgeState {
  return { text: '', tone: 'none', color: null, title };
}

function hostOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).host;
  } catch {
    return baseUrl;
  }
}
