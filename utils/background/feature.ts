import type { MessageRouter } from '../messaging/router';

/**
 * A background feature: one file in utils/background/features/, found by the registry.
 * Features register message handlers and listeners; one feature failing to start must
 * not stop the others.
 */
export interface BackgroundFeature {
  name: string;
  /** Called once per service-worker start, synchronously registering listeners first. */
  start(ctx: BackgroundContext): void | Promise<void>;
}

export interface BackgroundContext {
  router: MessageRouter;
}

export function defineBackgroundFeature(feature: BackgroundFeature): BackgroundFeature {
  return feature;
}
