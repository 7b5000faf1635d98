import { z } from 'zod';

/**
 * Zod compiles fast object parsers with `new Function` where it may. Extension pages and the
 * service worker forbid that (the MV3 content security policy has no 'unsafe-eval'), so zod
 * would only probe, fail and fall back — and the failed probe is reported as a CSP violation.
 * Telling zod up front skips the probe; parsing is the same either way. Imported first by every
 * entrypoint that parses with zod (background, popup, options).
 */
z.config({ jitless: true });
