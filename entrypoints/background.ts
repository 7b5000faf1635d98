import '@/utils/zod-jitless';
import { MessageRouter, senderInfo } from '@/utils/messaging/router';
import { startFeatures } from '@/utils/background/registry';

export default defineBackground(() => {
  const router = new MessageRouter();
  const origin = browser.runtime.getURL('/').replace(/\/$/, '');
  // Listeners are registered synchronously so that a message that wakes the worker is not lost.
  browser.runtime.onMessage.addListener((message, sender) => {
    return router.handle(message, senderInfo(sender, browser.runtime.id, origin));
  });
  startFeatures({ router });
});
