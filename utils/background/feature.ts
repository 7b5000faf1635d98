import type { MessageRouter } from '../messaging/router';
import type { ActivityRecorder } from './activity-recorder';
import type { SyncRunner } from './sync-runner';

/**
 * A background feature: one file in utils/background/features/, listed in
 * utils/background/features/index.ts. Features register message handlers and listeners with
 * the services entrypoints/background.ts hands them; one feature failing to start must not
 * stop the others.
 */
export interface BackgroundFeature {
  name: string;
  /** Called once per service-worker start, synchronously registering listeners first. */
  start(services: BackgroundServices): void | Promise<void>;
}

/** Created once per worker start by entrypoints/background.ts. */
export interface BackgroundServices {
  router: MessageRouter;
  activity: ActivityRecorder;
  sync: SyncRunner;
}

export function defineBackgroundFeature(feature: BackgroundFeature): BackgroundFeature {
  return feature;
}
