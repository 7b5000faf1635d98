// Backend pages of the simulated Webasyst (login, Shop-Script orders, CRM deal SPA, consent page).
// Owned by the pages work; the server calls registerPages() at start.
export {};
