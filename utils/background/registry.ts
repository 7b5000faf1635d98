import type { BackgroundFeature, BackgroundContext } from './feature';

// Every file in ./features is a feature; adding one needs no edit here.
const modules = import.meta.glob<{ default: BackgroundFeature }>('./features/*.ts', { eager: true });

export function startFeatures(ctx: BackgroundContext): void {
  for (const [path, mod] of Object.entries(modules)) {
    const feature = mod.default;
    try {
      const started = feature.start(ctx);
      if (started instanceof Promise) {
        started.catch((error) => console.error(`Dealbridge: feature ${feature.name} failed to start`, error));
      }
    } catch (error) {
      console.error(`Dealbridge: feature ${feature?.name ?? path} failed to start`, error);
    }
  }
}
