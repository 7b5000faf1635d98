import { startDealPanel } from '@/components/deal-panel/mount';
import { messagePorts } from '@/components/deal-panel/messenger';
import { onDealPageChanged } from '@/components/deal-panel/ports';
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
    const { controller } = startDealPanel(driver, messagePorts, ctx.signal);
    onDealPageChanged(() => controller.refresh(), ctx.signal);
  },
});
