import { readFileSync } from 'node:fs';

/** The SDL of the scheduler subgraph (`schema.graphql`). */
export const SCHEDULER_SDL: string = readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8');
