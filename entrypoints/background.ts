import '@/utils/zod-jitless';
import { MessageRouter, senderInfo } from '@/utils/messaging/router';
import { startFeatures } from '@/utils/background/registry';
import { BACKGROUND_FEATURES } from '@/utils/background/features';
import { createActivityRecorder } from '@/utils/background/activity-recorder';
import { createSyncRunner } from '@/utils/background/sync-runner';

export default defineBackground(() => {
  const router = new MessageRouter();
  const origin = browser.runtime.getURL('/').replace(/\/$/, '');
  // Listeners are registered synchronously so that a message that wakes the worker is not lost.
  browser.runtime.onMessage.addListener((message, sender) => {
    return router.handle(message, senderInfo(sender, browser.runtime.id, origin));
  });
  // The services every feature is handed: nothing is found through a module-level registry.
  const activity = createActivityRecorder();
  const sync = createSyncRunner(activity);
  startFeatures(BACKGROUND_FEATURES, { router, activity, sync });
});
