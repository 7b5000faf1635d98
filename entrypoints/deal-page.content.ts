export default defineContentScript({
  matches: [],
  registration: 'runtime',
  main() {},
});
