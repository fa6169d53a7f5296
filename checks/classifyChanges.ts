import { CriticalityLevel, diff, type Change } from '@graphql-inspector/core';
import type { GraphQLSchema } from 'graphql';
import type { ChangeLevel } from './CheckReport.js';

/** A graphql-inspector change with its level. */
export interface ClassifiedChange {
  readonly level: ChangeLevel;
  readonly change: Change;
}

const LEVELS: Readonly<Record<CriticalityLevel, ChangeLevel>> = {
  [CriticalityLevel.Breaking]: 'breaking',
  [CriticalityLevel.Dangerous]: 'dangerous',
  [CriticalityLevel.NonBreaking]: 'safe',
};

const ORDER: Readonly<Record<ChangeLevel, number>> = { breaking: 0, dangerous: 1, safe: 2 };

/** Every change from `before` to `after`, classified by `@graphql-inspector/core`, breaking first. */
export async function classifyChanges(before: GraphQLSchema, after: GraphQLSchema): Promise<ClassifiedChange[]> {
  const changes = await diff(before, after);
  return changes
    .map((change) => ({ level: LEVELS[change.criticality.level], change }))
    .sort((a, b) => ORDER[a.level] - ORDER[b.level] || (a.change.path ?? '').localeCompare(b.change.path ?? ''));
}
