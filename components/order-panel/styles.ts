/**
 * The panel's styles, inside its shadow root so that CRM's CSS cannot break it and ours
 * cannot leak out. It copies the sidebar's look (uppercase grey field headings, black
 * values, orange links); Webasyst's CSS variables are inherited through the shadow
 * boundary when the page defines them, with CRM 3.4's colours as fallbacks.
 */
export const orderPanelCss = `
:host { all: initial; display: block; font: inherit; color: var(--text-color, #000); margin: 0 0 1.5rem; }
.panel { font-family: inherit; font-size: 0.875rem; line-height: 1.35; }
.heading { color: var(--gray, #888); font-size: 0.75rem; font-weight: 600; text-transform: uppercase; letter-spacing: 0.02em; margin-bottom: 0.5rem; }
.title { display: flex; align-items: baseline; gap: 0.5rem; flex-wrap: wrap; }
.number { font-size: 1.125rem; font-weight: 700; color: var(--link-color, #f36b21); text-decoration: none; }
.number:hover { text-decoration: underline; }
.state { font-weight: 600; }
.paid { color: var(--green, #22a13d); margin: 0.125rem 0 0.5rem; }
.muted { color: var(--gray, #999); }
.paid + .items, .muted + .items { margin-top: 0.5rem; }
.small { font-size: 0.75rem; }
ul { list-style: none; margin: 0; padding: 0; }
.items { border-top: 1px solid var(--border-color, #eee); }
.item { padding: 0.5rem 0; border-bottom: 1px solid var(--border-color, #eee); }
.line { display: flex; justify-content: space-between; gap: 0.75rem; }
.what { min-width: 0; }
.name { overflow-wrap: anywhere; }
.amount { white-space: nowrap; }
.services { margin: 0.25rem 0 0 0.75rem; }
.service { padding-top: 0.25rem; }
.service .name::before { content: "+ "; color: var(--gray, #999); }
.totals { margin: 0.5rem 0 0; }
.row { display: flex; justify-content: space-between; gap: 0.75rem; padding: 0.125rem 0; }
.row dt { color: var(--gray, #888); }
.row dd { margin: 0; white-space: nowrap; }
.row.strong { font-weight: 700; font-size: 1rem; padding-top: 0.25rem; }
.row.strong dt { color: inherit; }
.error { color: var(--red, #e12b2b); }
.note { color: var(--orange, #c76a00); font-size: 0.75rem; margin-top: 0.5rem; }
.sync { margin-top: 0.75rem; }
.sync-title { font-size: 0.75rem; font-weight: 600; color: var(--orange, #c76a00); margin: 0.5rem 0 0.25rem; }
.problem-title { color: var(--red, #e12b2b); }
.problem, .pending { padding: 0.25rem 0; }
.link { all: unset; cursor: pointer; color: var(--link-color, #f36b21); }
.link:hover { text-decoration: underline; }
.button { font: inherit; font-size: 0.75rem; margin-top: 0.25rem; padding: 0.125rem 0.75rem; border-radius: 1rem; border: 1px solid var(--border-color, #ddd); background: var(--background-color-blank, #fff); color: inherit; cursor: pointer; }
.button:disabled { opacity: 0.6; cursor: default; }
`;
