/**
 * The layers the README describes, checked on every `npm test` (scripts/check-layers.ts).
 * A rule's name is what a violation prints: keep names that say what was broken.
 */
const PRODUCT = '^(utils|components|entrypoints)/';

module.exports = {
  forbidden: [
    {
      name: 'no-import-cycles',
      comment: 'No module reaches itself through its imports (type-only imports count in product code).',
      severity: 'error',
      from: { path: PRODUCT },
      to: { circular: true },
    },
    {
      name: 'no-runtime-import-cycles',
      comment: 'The simulator, scripts and tests may share types both ways, never runtime code.',
      severity: 'error',
      from: { pathNot: PRODUCT },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'only-pages-know-webasyst-dom',
      comment:
        "Webasyst's page markup (selectors, UI versions, page watchers) is read only by the page drivers in utils/pages/.",
      severity: 'error',
      from: { pathNot: '^utils/pages/' },
      to: { path: '^utils/pages/(shop/(ui13|ui20|detect|driver)|crm/(selectors|watch|deal-page))\\.ts$' },
    },
    {
      name: 'only-api-and-backend-talk-to-webasyst',
      comment:
        'Requests to Webasyst are made by utils/api/ (the API) and utils/backend/ (the backend endpoint); others call them through the background.',
      severity: 'error',
      from: {
        path: PRODUCT,
        pathNot: '^utils/(api|backend|connection|background|sync/engine/api-ports|backfill/api-ports)',
      },
      // Types of the API's replies may be shared; calling it is for the background's wiring.
      to: {
        path: '^utils/(api/(client|index|methods/)|backend/(create-deal|deal-create-endpoint))',
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'cores-without-browser-api',
      comment:
        'The sync core and the backfill of existing orders run as plain functions over ports in unit tests: no extension or page API.',
      severity: 'error',
      from: { path: '^utils/(sync|backfill)/' },
      to: {
        path: [
          '^node_modules/(wxt|@wxt-dev|webextension-polyfill)/',
          '^utils/(background|pages|connection)/',
          '^utils/messaging/client\\.ts$',
        ],
      },
    },
    {
      name: 'storage-knows-only-the-sync-model',
      comment: 'utils/db stores the sync model (utils/sync/model/); the stages use storage, never the other way round.',
      severity: 'error',
      from: { path: '^utils/db/' },
      to: { path: '^utils/sync/', pathNot: '^utils/sync/model/' },
    },
    {
      name: 'sync-model-is-plain',
      comment:
        'The sync model (records, rules, reconcile, outbox transitions) is plain functions over data: no storage, no stage, no engine.',
      severity: 'error',
      from: { path: '^utils/sync/model/' },
      to: {
        path: [
          '^utils/(db|background|api/(client|index|methods/)|backend/(create-deal|deal-create-endpoint))',
          '^utils/sync/(?!model/)',
        ],
      },
    },
    {
      name: 'sync-stages-in-cycle-order',
      comment: 'A cycle reads as observe → examine → apply: a stage does not reach into a later one.',
      severity: 'error',
      from: { path: '^utils/sync/(observe|examine)/' },
      to: { path: '^utils/sync/apply/' },
    },
    {
      name: 'observe-before-examine',
      comment: 'Observing records changes; telling what they mean is examination.',
      severity: 'error',
      from: { path: '^utils/sync/observe/' },
      to: { path: '^utils/sync/examine/' },
    },
    {
      name: 'components-without-background-code',
      comment:
        'UI components run in pages and content scripts: they reach the background by messages only (the token stays there).',
      severity: 'error',
      from: { path: '^components/' },
      to: { path: '^utils/(background|sync|db|api|backend|connection/(current|store|connect|consent|verify|probe))/?' },
    },
    {
      name: 'content-scripts-without-token',
      comment:
        'Content scripts and the scripts injected beside them never hold the API token: they do not import the connection store, the API client or the database.',
      severity: 'error',
      from: { path: '^entrypoints/[^/]+\\.content\\.ts$|^entrypoints/(order-control-panel|deal-panel-more)\\.ts$' },
      to: { path: '^utils/(background|db|api/client|connection/(current|store))' },
    },
    {
      name: 'product-without-sim-or-tests',
      comment: 'The extension ships without the simulator and the tests.',
      severity: 'error',
      from: { path: PRODUCT },
      to: { path: '^(sim|tests|bench|scripts)/' },
    },
  ],
  options: {
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(\\.wxt|\\.output|node_modules|tests/fixtures/layer-violations)/' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] },
  },
};
