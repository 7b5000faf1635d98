/**
 * Every CRM deal-page selector Dealbridge uses, in one place. They come from the compiled
 * Vue build of CRM 3.4.0 (class names can change between builds), so each anchor lists
 * structural fallbacks after the class name, tried in order.
 */
export const dealSelectors = {
  /** The SPA's route for a deal: /webasyst/crm/deal/<id>[/<tab>] under any installation path. */
  dealPath: /\/webasyst\/crm\/deal\/(\d+)(?:\/|$)/,
  /** The right-hand sidebar (amount, term, customers…), where the deal panel goes. */
  sidebar: ['.deal-info-sidebar', '#app .deal .sidebar.right', '#app [class*="deal"] > .sidebar.right'],
  /** The deal header (title, stage, status, actions). */
  header: ['.deal-header', '#app .deal-main > header', '#app .deal-main > :first-child'],
  /** The part of the header showing the stage / status control. */
  headerStage: ['.deal-header__stage', '.deal-header__right'],
  /** Menus that open inside the header: their text is not the deal's stage. */
  headerMenus: '.dropdown, .dropdown-body, ul.menu, [role="menu"], [role="listbox"]',
  /** The deal title: a rename is not a stage change. */
  headerTitle: 'h1, .deal-header__title',
  /** Webasyst's own "Order" tab, hidden on unlinked deals (present on all of them). */
  orderTab: 'li[data-id="dealOrderTab"]',
  /** Tab links carry the deal id in their href. */
  tabLink: 'ul.tabs li[data-id] a[href]',
} as const;
