import type { BackgroundFeature } from '../feature';
import backfill from './backfill';
import connection from './connection';
import dealPage from './deal-page';
import orderPage from './order-page';
import injectedScripts from './injected-scripts';
import settings from './settings';
import status from './status';
import sync from './sync';

/**
 * Every background feature, in the order they start. Each registers its own message handlers;
 * tests/unit/background/message-handlers.test.ts checks that every message type of the
 * protocol has exactly one.
 */
export const BACKGROUND_FEATURES: readonly BackgroundFeature[] = [
  connection,
  settings,
  sync,
  status,
  orderPage,
  dealPage,
  injectedScripts,
  backfill,
];
