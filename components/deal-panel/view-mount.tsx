import { render } from 'preact';
import type { DealPanelController } from './controller';
import { DealPanel } from './DealPanel';
import css from './styles.css?inline';
import type { DealPanelViewModule } from './view-handoff';

/** The deal panel's view: Preact, the texts and the styles, in the script injected on demand. */
export const dealPanelView: DealPanelViewModule = {
  mount(shadow: ShadowRoot, controller: DealPanelController) {
    const doc = shadow.ownerDocument;
    const style = doc.createElement('style');
    style.textContent = css;
    const container = doc.createElement('div');
    shadow.replaceChildren(style, container);
    const paint = () => {
      const { view, retrying } = controller.get();
      render(
        <DealPanel
          view={view}
          onReload={() => controller.reload()}
          onRetry={(id) => controller.retry(id)}
          retrying={new Set(retrying)}
        />,
        container,
      );
    };
    const unsubscribe = controller.subscribe(paint);
    paint();
    return () => {
      unsubscribe();
      render(null, container);
    };
  },
};
