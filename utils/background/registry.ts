import type { BackgroundFeature, BackgroundServices } from './feature';

/** Starts each feature; one that fails is logged and the others still start. Returns the names that failed. */
export function startFeatures(features: readonly BackgroundFeature[], services: BackgroundServices): string[] {
  const failed: string[] = [];
  const report = (name: string, error: unknown) => {
    failed.push(name);
    console.error(`Dealbridge: feature ${name} failed to start`, error);
  };
  for (const feature of features) {
    try {
      const started = feature.start(services);
      if (started instanceof Promise) started.catch((error) => report(feature.name, error));
    } catch (error) {
      report(feature.name, error);
    }
  }
  return failed;
}
