// @vitest-environment happy-dom
// "Existing orders" on the options page over the real message path, the background's answers
// served from fixtures: the plan is seen before Start, progress and its controls follow, and
// hostile names stay text.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { BackfillSection } from '@/components/options/BackfillSection';
import { createBackfillStore } from '@/components/options/backfill-store';
import { MessageRouter } from '@/utils/messaging/router';
import { setLanguage } from '@/utils/i18n';
import type { BackfillRun } from '@/utils/backfill/model';
import { catalog } from '../settings/fixtures';

const HOSTILE = '<img src=x onerror="window.pwned=1">';
let run: BackfillRun | null;
let container: HTMLElement;
const started: unknown[] = [];

function installBackground(): void {
  const router = new MessageRouter();
  const view = () => ({ run, leftMs: run?.status === 'running' ? 90_000 : null });
  router.on('backfill.status', view);
  router.on('backfill.plan', () => ({
    total: 2,
    link: 1,
    create: 1,
    skip: 0,
    rows: [
      {
        orderId: 8,
        orderNumber: '#1008',
        customer: HOSTILE,
        action: 'link' as const,
        dealId: 12,
        dealName: HOSTILE,
        reason: null,
      },
      {
        orderId: 9,
        orderNumber: '#1009',
        customer: 'Anna',
        action: 'create' as const,
        dealId: null,
        dealName: null,
        reason: null,
      },
    ],
  }));
  router.on('backfill.start', ({ filters }) => {
    started.push(filters);
    run = {
      id: 'r',
      status: 'running',
      filters,
      total: 2,
      cursor: 8,
      counts: { done: 1, linked: 1, created: 0, skipped: 0, problems: 0 },
      startedAt: 1,
      updatedAt: 2,
      finishedAt: null,
      inFlight: null,
      activeMs: 1000,
      lastError: null,
    };
    return view();
  });
  router.on('backfill.pause', () => {
    run = { ...run!, status: 'paused' };
    return view();
  });
  fakeBrowser.runtime.onMessage.addListener((message: unknown) =>
    router.handle(message, { trusted: true, tabId: null, url: fakeBrowser.runtime.getURL('/options.html') }),
  );
}

async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) {
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
    });
  }
}
const $ = (name: string) => container.querySelector<HTMLElement>(`[data-dealbridge="${name}"]`);

beforeEach(() => {
  fakeBrowser.reset();
  run = null;
  started.length = 0;
  installBackground();
  container = document.createElement('div');
  document.body.append(container);
});
afterEach(() => {
  render(null, container);
  container.remove();
  setLanguage(null);
});

describe('existing orders section', () => {
  it('shows the plan before Start, then progress with pause; names stay text', async () => {
    setLanguage('en');
    const store = createBackfillStore();
    await act(async () => {
      render(<BackfillSection store={store} catalog={catalog()} />, container);
    });
    await settle();
    expect($('backfill')).not.toBeNull();
    expect(($('backfill-start') as HTMLButtonElement).disabled).toBe(true);
    await act(async () => $('backfill-show-plan')!.click());
    await settle();
    const plan = $('backfill-plan')!;
    const link = plan.querySelector('[data-action="link"]')!;
    expect(link.textContent).toContain('#1008');
    expect(link.textContent).toContain(HOSTILE);
    expect(container.querySelector('img')).toBeNull();
    expect(($('backfill-start') as HTMLButtonElement).disabled).toBe(false);
    await act(async () => $('backfill-start')!.click());
    await settle();
    expect(started).toHaveLength(1);
    const bar = $('backfill-progress')!;
    expect([bar.dataset.done, bar.dataset.total]).toEqual(['1', '2']);
    expect($('backfill')!.textContent).toMatch(/About 2 min left/);
    await act(async () => $('backfill-pause')!.click());
    await settle();
    expect($('backfill-resume')).not.toBeNull();
    store.stop();
  });

  it('speaks Russian in Webasyst’s terms', async () => {
    setLanguage('ru');
    const store = createBackfillStore();
    await act(async () => {
      render(<BackfillSection store={store} catalog={catalog()} />, container);
    });
    await act(async () => $('backfill-show-plan')!.click());
    await settle();
    expect($('backfill')!.textContent).toContain('Существующие заказы');
    expect($('backfill-plan')!.textContent).toContain('Привязать к сделке');
    expect($('backfill-plan')!.textContent).toContain('Сделка');
    store.stop();
  });

  it('offers the installation’s domain for orders made through the API, once per domain', async () => {
    setLanguage('en');
    const store = createBackfillStore();
    const withStorefronts = {
      ...catalog(),
      storefronts: [
        { id: 'shop.example.com/shop/', name: 'shop.example.com/shop/' },
        { id: 'shop.example.com/wholesale/', name: 'shop.example.com/wholesale/' },
      ],
    };
    await act(async () => {
      render(<BackfillSection store={store} catalog={withStorefronts} />, container);
    });
    await settle();
    const labels = [...$('backfill')!.querySelectorAll('label')].map((l) => l.textContent?.trim());
    expect(labels.filter((l) => l?.includes('through the API'))).toEqual([
      'Orders made through the API (shop.example.com)',
    ]);
    expect(labels).toContain('Manual orders');
    store.stop();
  });
});
