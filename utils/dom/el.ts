/**
 * A few lines of hyperscript for the content scripts' always-shown parts, which render
 * without Preact to stay small (Preact comes with the lazily injected scripts). Every
 * child string becomes a text node, so page data is never parsed as markup.
 */
export type Child = Node | string | number | null | undefined | false | Child[];
export type Props = Record<string, string | number | boolean | null | undefined | ((event: Event) => void)>;

export function el(tag: string, props: Props | null, ...children: Child[]): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props ?? {})) {
    if (typeof value === 'function') element.addEventListener(name.slice(2).toLowerCase(), value);
    else if (value === true) element.setAttribute(name, '');
    else if (value !== null && value !== undefined && value !== false) element.setAttribute(name, String(value));
  }
  element.append(...flatten(children));
  return element;
}

export function flatten(children: Child[]): Array<Node | string> {
  const out: Array<Node | string> = [];
  for (const child of children) {
    if (Array.isArray(child)) out.push(...flatten(child));
    else if (child !== null && child !== undefined && child !== false)
      out.push(typeof child === 'number' ? String(child) : child);
  }
  return out;
}
