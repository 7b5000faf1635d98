import { render } from 'preact';
import type { ControlState } from './controller';
import type { PanelModule } from './panel-handoff';
import { Panel } from './Panel';
import { linkThroughBackend } from '@/utils/pages/shop/backend-link';
import { replaceCreateDealLink } from '@/utils/pages/shop/builtin-link';
import panelCss from './panel.css?inline';
import pickerCss from '../picker/picker.css?inline';

const css = panelCss + pickerCss;

/**
 * The panel's script: its own Preact renders the panel into the slot order-page.js made for
 * it, on every change of the same controller's state, synchronously like the button, so a
 * closed panel is gone before the focus returns to the button. Its styles join the
 * control's shadow root once.
 */
export const panelModule: PanelModule = {
  link: linkThroughBackend,
  replaceCreateDealLink,
  mount(slot, controller, onClose) {
    const root = slot.getRootNode() as ShadowRoot | Document;
    const owner = root.nodeType === Node.DOCUMENT_NODE ? (root as Document).head : (root as ShadowRoot);
    if (!owner.querySelector('style[data-dealbridge-panel]')) {
      const style = slot.ownerDocument.createElement('style');
      style.setAttribute('data-dealbridge-panel', '');
      style.textContent = css;
      owner.append(style);
    }
    const paint = (state: ControlState) =>
      render(
        state.open && state.view ? (
          <Panel key={state.view.orderId} controller={controller} state={state} onClose={onClose} />
        ) : null,
        slot,
      );
    const unsubscribe = controller.subscribe(paint);
    return () => {
      unsubscribe();
      render(null, slot);
    };
  },
};
