import { startOrderPanel } from '@/components/order-panel/controller';
import { messagePorts } from '@/components/order-panel/messenger';
import { onDealPageChanged } from '@/components/order-panel/ports';
import { DealPageDriver } from '@/utils/pages/crm/deal-page';

// Registered at run time for the connected installation's origin only (see utils/connection).
export default defineContentScript({
  matches: [],
  registration: 'runtime',
  allFrames: false,
  main(ctx) {
    const driver = new DealPageDriver(window);
    // The deal's Order tab is an iframe of Shop's order view: never act inside a frame.
    if (!driver.isTopFrame()) return;
    const panel = startOrderPanel(window, driver, messagePorts, ctx.signal);
    onDealPageChanged(panel.refresh, ctx.signal);
  },
});
