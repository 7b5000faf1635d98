import { fakeBrowser } from 'wxt/testing';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { BACKGROUND_FEATURES } from '@/utils/background/features';
import { startFeatures } from '@/utils/background/registry';
import { protocol } from '@/utils/messaging/protocol';
import { testServices } from './test-services';

describe('background features', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    // Events WXT's fake browser does not implement: a listener is all the features add to them.
    const event = () => ({ addListener: vi.fn(), removeListener: vi.fn(), hasListener: vi.fn(() => false) });
    Object.assign(fakeBrowser.permissions, { onRemoved: event() });
    Object.assign(fakeBrowser.cookies, { onChanged: event() });
    Object.assign(fakeBrowser.runtime, { onConnect: event() });
    Object.assign(fakeBrowser.notifications, { onClicked: event() });
  });

  it('all start, and every message type of the protocol has exactly one handler', () => {
    const { services } = testServices();
    // The router refuses a second handler for a type: a feature doing so fails to start.
    expect(startFeatures(BACKGROUND_FEATURES, services)).toEqual([]);
    expect(services.router.handledTypes().sort()).toEqual(Object.keys(protocol).sort());
  });

  it('each has its own name', () => {
    const names = BACKGROUND_FEATURES.map((feature) => feature.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('every file in utils/background/features is listed', () => {
    const files = Object.keys(import.meta.glob('@/utils/background/features/*.ts')).filter(
      (f) => !f.endsWith('/index.ts'),
    );
    expect(BACKGROUND_FEATURES.length).toBe(files.length);
  });
});
