import type { SafeHtml } from '../html';
import { renderBackendPage, type LayoutOptions } from '../layout/backend-layout';

/** Who is signed in and when, as every CRM page's frame shows it. */
export interface CrmPageFrame {
  userName: string;
  storeName: string;
  now: Date;
}

/** A page of the CRM backend (UI 2.0, CRM's styles): "<title> — <store>" and the page's own scripts, if any. */
export function renderCrmPage(
  frame: CrmPageFrame,
  title: string,
  body: SafeHtml,
  extra: Pick<LayoutOptions, 'scripts' | 'bootstrap' | 'htmlClass'> = { scripts: [] },
): string {
  return renderBackendPage(
    {
      title: `${title} — ${frame.storeName}`,
      ui: '2.0',
      app: 'crm',
      userName: frame.userName,
      storeName: frame.storeName,
      now: frame.now,
      css: ['/wa-content/sim/wa2.css', '/wa-content/sim/crm.css'],
      ...extra,
    },
    body,
  );
}
