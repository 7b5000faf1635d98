import { startDealPanel } from '@/components/deal-panel/start';
import { messagePorts } from '@/components/deal-panel/messenger';
import { onDealPageChanged } from '@/components/deal-panel/page-changed';
import { loadInjectedView } from '@/components/deal-panel/view-loader';
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
    const host = document.createElement('div');
    const panel = startDealPanel(driver, host, { ...messagePorts, loadView: loadInjectedView }, ctx.signal);
    onDealPageChanged(() => panel.refresh(), ctx.signal);
  },
});
