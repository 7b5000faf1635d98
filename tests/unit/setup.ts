import { beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

// Every unit test starts with a clean fake browser (storage, alarms, runtime listeners).
beforeEach(() => {
  fakeBrowser.reset();
});
