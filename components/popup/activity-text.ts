import type { ActivityEntry } from '@/utils/messaging/models';
import { t, type PopupKey } from './i18n';
import { dealUrl, orderUrl } from './urls';

/** A piece of an activity sentence: plain text, or text that links to the order or the deal. */
export interface Segment {
  text: string;
  href?: string;
}

/**
 * One activity entry as a sentence with its reason, e.g.
 * "Order #1003: Paid → deal “Office chairs” moved to Invoice sent (rule: Paid → Invoice sent, funnel Sales)".
 * Returned as segments, so the popup renders names as text nodes and never as markup.
 */
export function describeActivity(entry: ActivityEntry, baseUrl: string | null): Segment[] {
  const effect = fillTemplate(effectTemplate(entry), {
    deal: { text: dealText(entry), href: dealUrl(baseUrl, entry.dealId) ?? undefined },
    order: { text: orderText(entry), href: orderUrl(baseUrl, entry.orderId) ?? undefined },
    to: { text: targetText(entry) },
    from: { text: entry.from ?? '—' },
  });
  const segments: Segment[] = entry.trigger ? [{ text: `${entry.trigger} → ` }, ...effect] : capitalize(effect);
  const why = reasonText(entry);
  if (why) segments.push({ text: ` (${why})` });
  if (entry.outcome === 'already' && entry.kind !== 'resolved') segments.push({ text: ` — ${t('outcomeAlready')}` });
  if (entry.outcome === 'failed' && entry.kind !== 'problem') segments.push({ text: ` — ${t('outcomeFailed')}` });
  return mergeText(segments);
}

/** The sentence as plain text (titles, tests). */
export function activitySentence(entry: ActivityEntry, baseUrl: string | null): string {
  return describeActivity(entry, baseUrl)
    .map((segment) => segment.text)
    .join('');
}

function effectTemplate(entry: ActivityEntry): string {
  const key = templateKey(entry);
  // Without params the template keeps its {placeholders}: they are filled as segments, not as text.
  return t(key);
}

function templateKey(entry: ActivityEntry): PopupKey {
  if (entry.kind === 'deal_moved' && entry.from) return 'deal_moved_from';
  // A problem or resolution without a summary of its own is told by what it is about.
  if ((entry.kind === 'problem' || entry.kind === 'resolved') && !entry.to) {
    if (entry.dealId || entry.dealName) return `${entry.kind}_deal`;
    if (entry.orderId || entry.orderNumber) return `${entry.kind}_order`;
  }
  return entry.kind;
}

function fillTemplate(template: string, values: Record<string, Segment>): Segment[] {
  const segments: Segment[] = [];
  const parts = template.split(/\{(\w+)\}/);
  parts.forEach((part, index) => {
    if (index % 2 === 0) {
      if (part) segments.push({ text: part });
      return;
    }
    const value = values[part];
    segments.push(value ? (value.href ? value : { text: value.text }) : { text: `{${part}}` });
  });
  return segments;
}

function dealText(entry: ActivityEntry): string {
  if (entry.dealName) return t('dealRef', { name: entry.dealName });
  if (entry.dealId) return t('dealRefById', { id: entry.dealId });
  return t('dealRefUnknown');
}

function orderText(entry: ActivityEntry): string {
  if (entry.orderNumber) return entry.orderNumber;
  return entry.orderId ? `#${entry.orderId}` : '—';
}

function targetText(entry: ActivityEntry): string {
  const to = entry.to ?? '—';
  if (entry.kind === 'deal_closed') {
    if (to.toUpperCase() === 'WON') return t('won');
    if (to.toUpperCase() === 'LOST') return t('lost');
  }
  return to;
}

function reasonText(entry: ActivityEntry): string | null {
  // Rules may already name their funnel, e.g. "Paid → Invoice sent (Sales)": say it once.
  if (entry.rule && entry.funnelName && !entry.rule.includes(entry.funnelName)) {
    return t('ruleAndFunnel', { rule: entry.rule, funnel: entry.funnelName });
  }
  if (entry.rule) return t('ruleOnly', { rule: entry.rule });
  if (entry.funnelName) return t('funnelOnly', { funnel: entry.funnelName });
  return null;
}

function capitalize(segments: Segment[]): Segment[] {
  const [first, ...rest] = segments;
  if (!first) return segments;
  return [{ ...first, text: first.text.charAt(0).toUpperCase() + first.text.slice(1) }, ...rest];
}

/** Neighbouring plain pieces become one text node. */
function mergeText(segments: Segment[]): Segment[] {
  const merged: Segment[] = [];
  for (const segment of segments) {
    const last = merged[merged.length - 1];
    if (last && !last.href && !segment.href) last.text += segment.text;
    else merged.push({ ...segment });
  }
  return merged;
}
