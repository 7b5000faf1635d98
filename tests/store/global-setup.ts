import { execFileSync } from 'node:child_process';

/**
 * The store checks read what `npm run zip` makes (the store builds, their zips and the sources
 * zip) and the test builds. `npm test` makes all of them before and sets DEALBRIDGE_PREBUILT=1.
 */
export default function setup(): void {
  if (process.env.DEALBRIDGE_PREBUILT === '1') return;
  execFileSync('npm', ['run', 'zip'], { stdio: 'ignore' });
  execFileSync('npx', ['wxt', 'build', '--mode', 'test'], { stdio: 'ignore' });
  execFileSync('npx', ['wxt', 'build', '-b', 'firefox', '--mode', 'test'], { stdio: 'ignore' });
}
