// Puppeteer never downloads a browser during `npm ci`: installs must not depend on
// a browser download. scripts/ensure-browser.ts finds or installs one before tests.
module.exports = {
  skipDownload: true,
  ...(process.env.PUPPETEER_EXECUTABLE_PATH ? { executablePath: process.env.PUPPETEER_EXECUTABLE_PATH } : {}),
};
