import type { ActivityEntry } from '@/utils/messaging/models';
import { MessageRouter } from '@/utils/messaging/router';
import type { BackgroundServices } from '@/utils/background/feature';
import { defaultSettings } from '@/utils/settings/schema';

/** The services a feature is handed, with a sync runner that only counts what it is asked. */
export function testServices(router = new MessageRouter()) {
  const recorded: ActivityEntry[] = [];
  const asked = { requests: 0, nudges: [] as Array<{ kind: 'order' | 'deal'; id: number }> };
  let settings = defaultSettings();
  const services: BackgroundServices = {
    router,
    activity: async (entries) => {
      recorded.push(...entries);
    },
    sync: {
      request: () => {
        asked.requests += 1;
      },
      nudge: (kind, id) => {
        asked.nudges.push({ kind, id });
      },
      syncing: () => false,
      settings: () => settings,
      applySettings: async (next) => {
        settings = next;
      },
      connectedBase: () => null,
      forgetConnection: () => undefined,
      bound: async () => null,
    },
  };
  return { services, recorded, asked };
}
