import { createButton, isWaiting } from './button';
import { OrderControlController, type ControlPorts, type ControlState } from './controller';
import type { PanelModule } from './panel-handoff';
import css from './toggle.css?inline';

/** How long a wait goes without a spinner: an answer sooner than this shows no spinner at all. */
export const SPINNER_DELAY_MS = 300;

export interface MountPorts extends ControlPorts {
  /** The panel's module: injected by the background on first open (tests import it). */
  loadPanel(): Promise<PanelModule>;
}

/**
 * Builds the control inside `host`'s shadow root (styles isolated from the page both ways)
 * and returns its controller. The host element itself is placed by the page driver. The
 * button renders here on every state change; the panel is loaded on the first open and
 * renders itself into its own slot next to the button.
 */
export function mountOrderControl(
  host: HTMLElement,
  ports: MountPorts,
): { controller: OrderControlController; unmount(): void } {
  const doc = host.ownerDocument;
  const root = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  const frame = doc.createElement('div');
  frame.className = 'db-root';
  const button = doc.createElement('div');
  const slot = doc.createElement('div');
  frame.append(button, slot);
  root.replaceChildren(frame);
  adoptStyles(root, doc);
  const controller = new OrderControlController(ports);
  const paintButton = createButton(button);

  let panel: 'idle' | 'loading' | 'failed' | { unmount(): void } = 'idle';
  let unmounted = false;
  // The spinner shows only once a wait has lasted SPINNER_DELAY_MS: most answers come sooner,
  // and a spinner that flashes in and out costs the page two restyles and animation frames.
  let spinnerTimer: ReturnType<typeof setTimeout> | undefined;
  let spinner = false;
  const followWait = (waiting: boolean) => {
    if (!waiting) {
      clearTimeout(spinnerTimer);
      spinnerTimer = undefined;
      spinner = false;
    } else if (!spinner && spinnerTimer === undefined) {
      spinnerTimer = setTimeout(() => {
        spinnerTimer = undefined;
        spinner = true;
        paint(controller.get());
      }, SPINNER_DELAY_MS);
    }
  };
  const close = () => {
    controller.toggle(false);
    button.querySelector('button')?.focus();
  };
  const loadPanel = () => {
    panel = 'loading';
    ports.loadPanel().then(
      (module) => {
        if (unmounted) return;
        panel = { unmount: module.mount(slot, controller, close) };
        paint(controller.get());
      },
      () => {
        if (unmounted) return;
        panel = 'failed';
        paint(controller.get());
      },
    );
  };
  const paint = (state: ControlState) => {
    // Written only when it changes: every write of an attribute the CSS matches on restyles the tree.
    const ui = state.view?.ui === '1.3' ? '13' : '20';
    if (frame.dataset.ui !== ui) frame.dataset.ui = ui;
    if (state.open && panel === 'idle') loadPanel();
    const busy = isWaiting(state, panel === 'loading');
    followWait(busy);
    paintButton({
      state,
      busy,
      spinner: busy && spinner,
      panelFailed: panel === 'failed',
      onToggle,
      onConnect: () => controller.openOptions(),
    });
  };
  // After a failed load, the next open tries again.
  const onToggle = () => {
    if (!controller.get().open && panel === 'failed') panel = 'idle';
    controller.toggle();
  };
  // The subscription paints at once, then on every change.
  const unsubscribe = controller.subscribe(paint);

  // A click anywhere else on the page closes the panel, like Webasyst's own drop-downs.
  const onPointerDown = (event: Event) => {
    if (controller.get().open && !event.composedPath().includes(host)) controller.toggle(false);
  };
  doc.addEventListener('pointerdown', onPointerDown, true);
  return {
    controller,
    unmount() {
      unmounted = true;
      followWait(false);
      unsubscribe();
      doc.removeEventListener('pointerdown', onPointerDown, true);
      if (typeof panel === 'object') panel.unmount();
      button.replaceChildren();
    },
  };
}

/**
 * The button's CSS as a constructed sheet, parsed once: the host moves into every new order
 * block, and a <style> element would be re-inserted (and its sheet rebuilt) each time. Falls
 * back to a <style> element in Firefox, whose content scripts cannot hand the page's shadow
 * root a sheet through Xray wrappers, and where the DOM has no constructed sheets.
 */
function adoptStyles(root: ShadowRoot, doc: Document): void {
  try {
    const Sheet = doc.defaultView?.CSSStyleSheet;
    if (!import.meta.env.FIREFOX && Sheet && 'replaceSync' in Sheet.prototype && 'adoptedStyleSheets' in root) {
      const sheet = new Sheet();
      sheet.replaceSync(css);
      root.adoptedStyleSheets = [sheet];
      return;
    }
  } catch {
    // Fall through to the <style> element.
  }
  const style = doc.createElement('style');
  style.textContent = css;
  root.prepend(style);
}
