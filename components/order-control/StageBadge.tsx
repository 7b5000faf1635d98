import type { DealSummary } from '@/utils/messaging/models';

/** The stage as CRM shows it: its name on the stage's own colour (only hex colours reach here). */
export function StageBadge({ deal }: { deal: Pick<DealSummary, 'stageName' | 'stageColor'> }) {
  const color = deal.stageColor && /^#[0-9a-f]{3,8}$/i.test(deal.stageColor) ? deal.stageColor : null;
  return (
    <span class="db-stage" style={color ? { '--db-stage': color } : undefined}>
      {deal.stageName}
    </span>
  );
}
