// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { OptionsApp } from '@/components/options/OptionsApp';
import { createOptionsStore, type OptionsStore } from '@/components/options/store';
import { MessageRouter, UserFacingError } from '@/utils/messaging/router';
import { setLanguage } from '@/utils/i18n';
import { loadSettings, saveSettings, updateSettings } from '@/utils/settings/store';
import { defaultSettings, type Settings } from '@/utils/settings/schema';
import type { SettingsCatalog } from '@/utils/settings/catalog-view';
import type { PreviewResult } from '@/utils/preview/types';
import { catalog as fixtureCatalog } from '../settings/fixtures';

/**
 * The options page on the real message path (page → runtime.sendMessage → router) with the
 * real settings store in fakeBrowser's storage; the catalog and preview are served from fixtures.
 */
interface FakeBackground {
  catalog: SettingsCatalog | 'not_connected';
  preview: PreviewResult;
  previewed: Settings[];
}

let bg: FakeBackground;
let container: HTMLElement;
let store: OptionsStore;

function installBackground(): void {
  const router = new MessageRouter();
  router.on('settings.get', () => loadSettings());
  router.on('settings.save', ({ settings }) =>
    updateSettings((current) => ({
      ...settings,
      baseUrl: current.baseUrl,
      sync: { ...settings.sync, paused: current.sync.paused },
    })),
  );
  router.on('settings.catalog', () => {
    if (bg.catalog === 'not_connected') throw new UserFacingError('not_connected', 'Not connected');
    return bg.catalog;
  });
  router.on('settings.preview', ({ settings }) => {
    bg.previewed.push(settings);
    return bg.preview;
  });
  fakeBrowser.runtime.onMessage.addListener((message: unknown) =>
    router.handle(message, { trusted: true, tabId: null, url: fakeBrowser.runtime.getURL('/options.html') }),
  );
}

async function waitFor<T>(probe: () => T | null | undefined | false, timeoutMs = 2000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
    });
    const value = probe();
    if (value) return value;
    if (Date.now() > until) throw new Error('waitFor timed out');
  }
}

const $ = <E extends Element = HTMLElement>(selector: string) => container.querySelector<E>(selector);
const hook = (name: string) => `[data-dealbridge="${name}"]`;
const rowSelect = (funnelId: number, actionId: string, control = 'mapping-target') =>
  $<HTMLSelectElement>(`[data-funnel-id="${funnelId}"] tr[data-action-id="${actionId}"] ${hook(control)}`)!;

async function mount(): Promise<void> {
  store = createOptionsStore();
  await act(async () => {
    render(<OptionsApp store={store} />, container);
  });
  await waitFor(() => $(hook('save-bar')));
}

async function choose(select: HTMLSelectElement, value: string): Promise<void> {
  await act(async () => {
    select.value = value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

async function typeInto(area: HTMLTextAreaElement, text: string): Promise<void> {
  await act(async () => {
    area.value = text;
    area.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

async function click(selector: string): Promise<void> {
  await act(async () => {
    $(selector)!.click();
  });
}

beforeEach(() => {
  setLanguage('en');
  bg = {
    catalog: fixtureCatalog(),
    preview: { ordersExamined: 3, dealsExamined: 1, changes: [], notes: [] },
    previewed: [],
  };
  installBackground();
  container = document.createElement('div');
  document.body.append(container);
});

afterEach(() => {
  render(null, container);
  container.remove();
  setLanguage(null);
});

describe('options page', () => {
  it('shows one table per funnel with the workflow’s actions, archived funnels marked', async () => {
    await mount();
    await waitFor(() => $(hook('mapping-editor')));
    const legends = [...container.querySelectorAll(`${hook('mapping-funnel')} legend`)].map((l) =>
      l.textContent?.trim(),
    );
    expect(legends).toEqual(['Sales', 'Wholesale B2B (archived)']);
    const actions = [...container.querySelectorAll('[data-funnel-id="1"] tr[data-action-id]')].map((r) =>
      r.getAttribute('data-action-id'),
    );
    expect(actions).toContain('pay');
    expect(actions).not.toContain('edit');
    // Each target select is labelled by its action's name.
    const select = rowSelect(1, 'pay');
    expect(container.querySelector(`label[for="${select.id}"]`)?.textContent).toBe('Paid');
  });

  it('per rule: run an action with a form without it, or ask a person; the defaults, what is left out, and the choice saved', async () => {
    await mount();
    await waitFor(() => $(hook('mapping-editor')));
    await choose(rowSelect(1, 'pay'), 'stage:3');
    await choose(rowSelect(1, 'delete'), 'lost');
    await choose(rowSelect(1, 'complete'), 'won');
    const payChoice = rowSelect(1, 'pay', 'rule-form-choice');
    expect(payChoice.value).toBe('run');
    expect(payChoice.disabled).toBe(false);
    expect($(`#${payChoice.getAttribute('aria-describedby')}`)!.textContent).toBe(
      'Without the form: paid today, no comment.',
    );
    expect(rowSelect(1, 'delete', 'rule-form-choice').value).toBe('ask');
    expect($(`[data-funnel-id="1"] tr[data-action-id="complete"]`)!.textContent).toContain('No form');
    // Unmapped rows have nothing to choose yet.
    expect(rowSelect(1, 'ship', 'rule-form-choice').disabled).toBe(true);

    await choose(payChoice, 'ask');
    expect($(`#${payChoice.getAttribute('aria-describedby')}`)!.textContent).toContain(
      'opens the order with Shop-Script’s own form',
    );
    await choose(rowSelect(1, 'pay', 'mapping-direction'), 'order_to_deal');
    expect(rowSelect(1, 'pay', 'rule-form-choice').disabled).toBe(true);
    await click(hook('settings-save'));
    await waitFor(() => $(hook('save-state'))!.textContent === 'All changes saved');
    const rules = (await loadSettings()).mappings[0].rules;
    expect(rules.map((r) => [r.actionId, r.formChoice])).toEqual([
      ['pay', 'ask'],
      ['complete', 'run'],
      ['delete', 'ask'],
    ]);
  });

  it('says per funnel what a won and a lost deal do to the order; the close rules have their own choice', async () => {
    await mount();
    await waitFor(() => $(hook('mapping-editor')));
    const summary = () => $('[data-funnel-id="1"] [data-dealbridge="close-summary"]')!.textContent;
    expect(summary()).toBe(
      'Closing a deal in this funnel: won → “Mark as Completed” runs; lost → a person is asked to run “Delete”.',
    );
    // An order → deal rule for "complete" leaves "won → complete" in force (seen on a running installation).
    await choose(rowSelect(1, 'complete'), 'won');
    await choose(rowSelect(1, 'complete', 'mapping-direction'), 'order_to_deal');
    expect(summary()).toContain('won → “Mark as Completed” runs');
    await choose(rowSelect(1, 'pay'), 'won');
    expect(summary()).toContain('won → the first the order offers of: “Paid”, “Mark as Completed”');

    const lostChoice = $<HTMLSelectElement>('[data-dealbridge="rule-form-choice"][data-close="lost"]')!;
    expect(lostChoice.value).toBe('ask');
    await choose(lostChoice, 'run');
    expect(summary()).toContain('lost → “Delete” runs');
    await act(async () => {
      $<HTMLInputElement>(hook('close-lost'))!.click();
    });
    expect(summary()).toContain('lost → the order stays as it is');
    expect(lostChoice.disabled).toBe(true);
    expect($(hook('sync-settings'))!.textContent).toContain('A deleted order returns its items to stock');
  });

  it('tracks unsaved changes, guards leaving, saves, and the store gets exactly the edited rules', async () => {
    await mount();
    await waitFor(() => $(hook('mapping-editor')));
    expect($(hook('save-state'))!.textContent).toBe('All changes saved');
    expect($<HTMLButtonElement>(hook('settings-save'))!.disabled).toBe(true);

    await choose(rowSelect(1, 'ship'), 'stage:4');
    await choose(rowSelect(1, 'pay'), 'stage:3');
    await choose(rowSelect(1, 'ship', 'mapping-direction'), 'deal_to_order');
    expect($(hook('save-state'))!.textContent).toBe('Unsaved changes');
    const leaving = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(leaving);
    expect(leaving.defaultPrevented).toBe(true);

    await click(hook('settings-save'));
    await waitFor(() => $(hook('save-state'))!.textContent === 'All changes saved');
    expect($(hook('settings-notice'))!.textContent).toBe('Settings saved. They apply now.');
    // Rules are stored in workflow order (pay before ship), which is the order deal → order tries them.
    expect((await loadSettings()).mappings).toEqual([
      {
        funnelId: 1,
        rules: [
          {
            actionId: 'pay',
            target: { kind: 'stage', stageId: 3 },
            direction: 'both',
            allowBackward: false,
            formChoice: 'run',
          },
          {
            actionId: 'ship',
            target: { kind: 'stage', stageId: 4 },
            direction: 'deal_to_order',
            allowBackward: false,
            formChoice: 'run',
          },
        ],
      },
    ]);
    const after = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(after);
    expect(after.defaultPrevented).toBe(false);
  });

  it('shows checks next to the funnel they concern', async () => {
    await mount();
    await waitFor(() => $(hook('mapping-editor')));
    await choose(rowSelect(1, 'pay'), 'stage:3');
    await choose(rowSelect(1, 'ship'), 'stage:3');
    const checks = $(`[data-funnel-id="1"] ${hook('settings-checks')}`)!;
    expect(checks.textContent).toContain('Stage “Stage 3” is mapped from several actions: “Paid”, “Sent”');
    expect(rowSelect(1, 'pay').getAttribute('aria-describedby')).toBe(checks.id);
    expect($(`[data-funnel-id="2"] ${hook('settings-checks')}`)).toBeNull();
  });

  it('refuses a bad import with the first bad field and leaves the form as it was', async () => {
    await mount();
    await waitFor(() => $(hook('mapping-editor')));
    await choose(rowSelect(1, 'pay'), 'stage:3');
    const before = store.draft.value;
    await typeInto(
      $<HTMLTextAreaElement>(hook('settings-import'))!,
      JSON.stringify({ version: 1, mappings: [{ funnelId: 1, rules: [{ actionId: '', target: { kind: 'won' } }] }] }),
    );
    await click(hook('settings-import-submit'));
    const notice = $(hook('settings-import-notice'))!;
    expect(notice.getAttribute('role')).toBe('alert');
    expect(notice.textContent).toMatch(/^Not imported: mappings\[0\]\.rules\[0\]\.actionId: /);
    expect(store.draft.value).toBe(before);

    await typeInto($<HTMLTextAreaElement>(hook('settings-import'))!, '{ not json');
    await click(hook('settings-import-submit'));
    expect($(hook('settings-import-notice'))!.textContent).toMatch(/^Not imported: this is not JSON/);
    expect(store.draft.value).toBe(before);
  });

  it('exports what the form holds and imports it back, keeping this browser’s connection address', async () => {
    await saveSettings({ ...defaultSettings(), baseUrl: 'https://mine.example.com/' });
    await mount();
    await waitFor(() => $(hook('mapping-editor')));
    await choose(rowSelect(1, 'complete'), 'won');
    await click(hook('settings-export'));
    const exported = $<HTMLTextAreaElement>(hook('settings-export-text'))!;
    expect(exported.readOnly).toBe(true);
    const data = JSON.parse(exported.value) as Settings;
    expect(data.mappings[0].rules[0]).toMatchObject({ actionId: 'complete', target: { kind: 'won' } });
    expect($(hook('settings-transfer'))!.textContent).toContain('The export includes unsaved changes.');

    await click(hook('settings-discard'));
    expect(store.draft.value!.mappings).toEqual([]);
    await typeInto(
      $<HTMLTextAreaElement>(hook('settings-import'))!,
      JSON.stringify({ ...data, baseUrl: 'https://elsewhere.example.com/' }),
    );
    await click(hook('settings-import-submit'));
    expect($(hook('settings-import-notice'))!.textContent).toBe('Imported. Review the settings and save them.');
    expect(rowSelect(1, 'complete').value).toBe('won');
    expect(store.draft.value!.baseUrl).toBe('https://mine.example.com/');
  });

  it('runs the preview on the unsaved rules and lists each change with its reason', async () => {
    bg.preview = {
      ordersExamined: 50,
      dealsExamined: 4,
      notes: [],
      changes: [
        {
          side: 'deal',
          outcome: 'change',
          orderId: 4,
          orderNumber: '#1004',
          dealId: 4,
          dealName: '<b>Chen</b>',
          effect: 'Move deal to “S5”',
          reason: 'Order #1004: “Sent”',
          at: 1,
        },
        {
          side: 'order',
          outcome: 'problem',
          orderId: 2,
          orderNumber: '#1002',
          dealId: 9,
          dealName: 'Garcia',
          effect: '“Paid” has a form',
          reason: 'Deal moved',
          at: 0,
        },
      ],
    };
    await mount();
    await waitFor(() => $(hook('mapping-editor')));
    await choose(rowSelect(1, 'ship'), 'stage:5');
    await click(hook('preview-run'));
    await waitFor(() => $(hook('preview-results')));
    expect(bg.previewed[0].mappings[0].rules[0]).toMatchObject({ actionId: 'ship' });
    const rows = [...container.querySelectorAll(hook('preview-change'))];
    expect(rows).toHaveLength(2);
    expect(rows[0].textContent).toContain('<b>Chen</b>');
    expect(rows[0].querySelector('b')).toBeNull();
    expect(rows[1].getAttribute('data-outcome')).toBe('problem');
    expect($(hook('preview-status'))!.textContent).toContain(
      'Looking at the latest 50 orders and 4 changed deals, the rules would make 2 changes',
    );
    await choose(rowSelect(1, 'pay'), 'stage:3');
    expect($(hook('preview-status'))!.textContent).toContain('run it again');
  });

  it('without a connection: asks to connect, still offers sync settings and import/export', async () => {
    bg.catalog = 'not_connected';
    await mount();
    await waitFor(() => $(hook('catalog-status'))?.getAttribute('data-state') === 'not_connected');
    expect($(hook('mapping-editor'))).toBeNull();
    expect($(hook('sync-settings'))).not.toBeNull();
    expect($(hook('settings-transfer'))).not.toBeNull();
    expect($<HTMLButtonElement>(hook('preview-run'))!.disabled).toBe(true);
  });

  it('automatic creation: enabling a storefront picks a funnel and stage; changing the funnel moves the stage', async () => {
    await mount();
    await waitFor(() => $(hook('auto-create')));
    const manual = () => $(`${hook('auto-create-storefront')}[data-storefront=""]`)!;
    await act(async () => {
      manual().querySelector<HTMLInputElement>(hook('auto-create-enabled'))!.click();
    });
    expect(store.draft.value!.autoCreate).toEqual([
      { storefront: '', enabled: true, trigger: 'order_create', funnelId: 1, stageId: 1, ownerId: null },
    ]);
    await choose(manual().querySelector<HTMLSelectElement>(hook('funnel-select'))!, '2');
    await choose(manual().querySelector<HTMLSelectElement>(hook('auto-create-trigger'))!, 'order_process');
    await choose(manual().querySelector<HTMLSelectElement>(hook('auto-create-owner'))!, '2');
    expect(store.draft.value!.autoCreate[0]).toEqual({
      storefront: '',
      enabled: true,
      trigger: 'order_process',
      funnelId: 2,
      stageId: 6,
      ownerId: 2,
    });
    // Funnel 2 is archived in the fixtures: said where it applies.
    expect(manual().textContent).toContain('Wholesale B2B is archived.');
  });

  it('follows settings saved elsewhere when nothing is unsaved, and warns when something is', async () => {
    await mount();
    await waitFor(() => $(hook('mapping-editor')));
    await act(async () => {
      await saveSettings({ ...defaultSettings(), notifications: { enabled: true } });
    });
    await waitFor(() => $<HTMLInputElement>(hook('notifications-enabled'))!.checked);
    await choose(rowSelect(1, 'pay'), 'stage:3');
    await act(async () => {
      await saveSettings({ ...defaultSettings(), notifications: { enabled: false } });
    });
    await waitFor(() => container.textContent?.includes('changed in another window'));
    expect(rowSelect(1, 'pay').value).toBe('stage:3');
  });

  it('takes over a pause made in the popup while there are unsaved changes, without a warning', async () => {
    await mount();
    await waitFor(() => $(hook('mapping-editor')));
    await choose(rowSelect(1, 'pay'), 'stage:3');
    await act(async () => {
      await updateSettings((s) => ({ ...s, sync: { ...s.sync, paused: true } }));
    });
    await waitFor(() => store.draft.value!.sync.paused);
    expect(store.changedElsewhere.value).toBe(false);
    expect(rowSelect(1, 'pay').value).toBe('stage:3');
    await click(hook('settings-save'));
    await waitFor(() => $(hook('save-state'))!.textContent === 'All changes saved');
    expect((await loadSettings()).sync.paused).toBe(true);
  });

  it('speaks Russian', async () => {
    setLanguage('ru');
    await mount();
    await waitFor(() => $(hook('mapping-editor')));
    expect($(hook('mapping-editor'))!.querySelector('h2')!.textContent).toBe(
      'Синхронизация статусов заказа и этапов сделки',
    );
    expect(rowSelect(1, 'pay').options[0].textContent).toBe('Нет действия');
    expect($(hook('settings-save'))!.textContent).toBe('Сохранить');
  });
});
