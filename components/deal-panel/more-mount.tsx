import { render } from 'preact';
import type { DealPanelMore } from './more-handoff';
import type { MoreHost } from './state';
import { More } from './More';
import type { LinkOrderPorts } from './link-order';
import moreCss from './more.css?inline';
import pickerCss from '../picker/picker.css?inline';

const css = moreCss + pickerCss;

/**
 * The deal panel's second script: its own Preact renders into the slot deal-page.js made
 * for it, on every change of the same controller's state. Its styles join the panel's
 * shadow root once.
 */
export function createDealPanelMore(pagePorts: () => LinkOrderPorts): DealPanelMore {
  return { mount: (slot, controller, ports = pagePorts()) => mountMore(slot, controller, ports) };
}

function mountMore(slot: HTMLElement, controller: MoreHost, ports: LinkOrderPorts): () => void {
  const root = slot.getRootNode() as ShadowRoot | Document;
  const owner = root.nodeType === Node.DOCUMENT_NODE ? (root as Document).head : (root as ShadowRoot);
  if (!owner.querySelector('style[data-dealbridge-more]')) {
    const style = slot.ownerDocument.createElement('style');
    style.setAttribute('data-dealbridge-more', '');
    style.textContent = css;
    owner.append(style);
  }
  // Closing the picker gives the focus back to "Link an order", which deal-page.js draws again at once.
  const onClosePicker = () => {
    controller.openPicker(false);
    (root as ParentNode).querySelector<HTMLElement>('[data-dealbridge="link-order"]')?.focus();
  };
  const unsubscribe = controller.subscribe((state) =>
    render(<More state={state} controller={controller} ports={ports} onClosePicker={onClosePicker} />, slot),
  );
  return () => {
    unsubscribe();
    render(null, slot);
  };
}
