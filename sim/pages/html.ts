// Safe HTML building for the simulated backend pages: every interpolated value is escaped
// unless it is itself a piece built by `html` (or marked with `raw` for trusted constants).
// Hostile names in the seed data must stay inert on the simulated pages, as they do on the real ones.

export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

function escapeHtml(text: unknown): string {
  return String(text ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

type Part = SafeHtml | string | number | boolean | null | undefined | readonly Part[];

function renderPart(part: Part): string {
  if (part === null || part === undefined || part === false || part === true) return '';
  if (part instanceof SafeHtml) return part.value;
  if (Array.isArray(part)) return part.map(renderPart).join('');
  return escapeHtml(part);
}

/** Tagged template: `html\`<a>${name}</a>\`` escapes `name`; nested `html` pieces and arrays pass through. */
export function html(strings: TemplateStringsArray, ...values: Part[]): SafeHtml {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += renderPart(values[i]) + strings[i + 1];
  return new SafeHtml(out);
}

export function join(parts: readonly Part[], separator = ''): SafeHtml {
  return new SafeHtml(parts.map(renderPart).join(separator));
}

/** Builds an attribute-safe JSON literal to embed in a <script> (no `</script>` breakout). */
export function jsonForScript(value: unknown): SafeHtml {
  return new SafeHtml(JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026'));
}
