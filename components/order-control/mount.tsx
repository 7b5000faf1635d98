import { render } from 'preact';
import { OrderControl } from './OrderControl';
import { OrderControlController, type ControlPorts } from './controller';
import css from './style.css?inline';

/**
 * Builds the control inside `host`'s shadow root (styles isolated from the page both ways)
 * and returns its controller. The host element itself is placed by the page driver.
 */
export function mountOrderControl(host: HTMLElement, ports: ControlPorts): { controller: OrderControlController; unmount(): void } {
  const root = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  const style = host.ownerDocument.createElement('style');
  style.textContent = css;
  const container = host.ownerDocument.createElement('div');
  root.replaceChildren(style, container);
  const controller = new OrderControlController(ports);
  render(<OrderControl controller={controller} />, container);

  // A click anywhere else on the page closes the panel, like Webasyst's own drop-downs.
  const onPointerDown = (event: Event) => {
    if (controller.get().open && !event.composedPath().includes(host)) controller.toggle(false);
  };
  host.ownerDocument.addEventListener('pointerdown', onPointerDown, true);
  return {
    controller,
    unmount() {
      host.ownerDocument.removeEventListener('pointerdown', onPointerDown, true);
      render(null, container);
    },
  };
}
