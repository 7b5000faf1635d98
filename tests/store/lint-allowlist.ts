/**
 * The warnings of Mozilla's linter (web-ext lint) that the Firefox package may keep, each
 * explained to the reviewer in docs/store/review-notes.md under its code. An entry only covers
 * a finding in a matching file whose code around the reported place shows the known cause;
 * anything else fails the check, and so does an entry nothing matches any more.
 */
export interface AllowedLintFinding {
  code: string;
  /** Built files the finding may be in. */
  file: RegExp;
  /** What the minified code at the reported place must contain (within a few hundred characters). */
  near: RegExp;
  why: string;
}

export const LINT_ALLOWLIST: AllowedLintFinding[] = [
  {
    code: 'UNSAFE_VAR_ASSIGNMENT',
    // The content scripts draw without Preact; it comes with the scripts injected on first need.
    file: /^(order-control-panel\.js|deal-panel-more\.js|chunks\/client-[\w-]+\.js)$/,
    // Preact's renderer: `dom.innerHTML = props.dangerouslySetInnerHTML.__html`.
    near: /dangerouslySetInnerHTML[\s\S]{0,300}\.innerHTML=[\w$]+\.__html/,
    why: "Preact's dangerouslySetInnerHTML branch; Dealbridge never passes that prop, so it never runs.",
  },
  {
    code: 'DANGEROUS_EVAL',
    file: /^(background\.js|chunks\/client-[\w-]+\.js)$/,
    // zod's probe: `if (config.jitless || …) return false; try { Function(""); return true } catch …`.
    near: /\.jitless\|\|[\s\S]{0,200}Function\(``\)/,
    why: "zod's check whether it may compile parsers; the entrypoints set jitless, so it never runs.",
  },
];
