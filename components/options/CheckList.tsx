import type { SettingsCheck } from '@/utils/settings/checks';
import { describeCheck, type Namer } from './describe';

/** Checks shown where they apply; an id lets a control point at them with aria-describedby. */
export function CheckList({ checks, names, id }: { checks: SettingsCheck[]; names: Namer; id?: string }) {
  if (checks.length === 0) return null;
  return (
    <ul class="db-checks" id={id} data-dealbridge="settings-checks">
      {checks.map((check, index) => (
        <li key={index} class={`db-check db-check-${severity(check)}`} data-check={check.kind}>
          {describeCheck(check, names)}
        </li>
      ))}
    </ul>
  );
}

function severity(check: SettingsCheck): 'warning' | 'info' {
  return check.kind === 'several_actions' || check.kind === 'archived_funnel' ? 'info' : 'warning';
}
