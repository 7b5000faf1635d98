import type { SimState } from '../state/state';
import type { Contact } from '../state/types';
import { seedBase } from './base';
import { seedDemo } from './demo';
import { seedScale } from './scale';

export type SeedOption = 'demo' | 'empty' | { orders: number; deals: number };

/** Fill the state; returns the admin user (whose token and login the Sim exposes). */
export function applySeed(state: SimState, seed: SeedOption): Contact {
  if (seed === 'demo') return seedDemo(state);
  if (seed === 'empty') return seedBase(state, state.clock.now());
  return seedScale(state, seed.orders, seed.deals);
}
