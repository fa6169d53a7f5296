import { assetBase } from './assetBase.js';
import type { Directory } from './generateDirectory.js';
import type { Lineage } from './generateLineage.js';
import { lexicalId } from './ids.js';
import type { Ref, SeedBuilder } from './SeedBuilder.js';
import { DOMAINS, MODEL_TASKS } from './vocabulary.js';

/** Models and dashboards: the assets that consume curated data. */
export interface Consumers {
  readonly models: readonly Ref[];
  readonly dashboards: readonly Ref[];
}

/** Generates model versions trained on curated datasets and dashboards reading marts. */
export function generateConsumers(b: SeedBuilder, dir: Directory, lineage: Lineage, counts: { models: number; dashboards: number }): Consumers {
  const r = b.random;
  const curated = lineage.datasets.filter((d) => d.layer >= 2);
  const readable = curated.length > 0 ? curated : lineage.datasets;
  const models = Array.from({ length: counts.models }, (_, i) => {
    const [name, task, framework] = MODEL_TASKS[i % MODEL_TASKS.length] ?? MODEL_TASKS[0];
    const version = `${1 + Math.floor(i / MODEL_TASKS.length)}.${r.int(0, 9)}.${r.int(0, 20)}`;
    const training = r.sample(readable, r.int(1, 3));
    const project = training[0]?.project ?? 0;
    const accuracy = (0.7 + r.next() * 0.28).toFixed(3);
    const doc = {
      '@type': 'Model', '@id': lexicalId('Model', [name, version]),
      ...assetBase(b, dir, project, { name, description: `${task} Retrained monthly.`, sensitivity: training.some((d) => d.pii.length > 0) ? 'confidential' : 'internal' }),
      version, framework, task, trainingData: training.map((d) => d.id).sort(),
      metrics: { auc: Number((Number(accuracy) + 0.02).toFixed(3)), precision: Number((Number(accuracy) - 0.05).toFixed(3)), evaluatedOn: b.within(220).slice(0, 10) },
      accuracy, parameterCount: r.int(10_000, 90_000_000),
    };
    return b.add(doc);
  });
  const dashboards = Array.from({ length: counts.dashboards }, () => {
    const sources = r.sample(readable, r.int(1, 3));
    const project = sources[0]?.project ?? 0;
    const domain = DOMAINS[dir.projects[project]?.domain ?? 0] ?? DOMAINS[0];
    const org = dir.organisations[dir.projects[project]?.org ?? 0];
    const token = r.token(16);
    const title = b.unique('dashboard', `${domain?.name ?? 'Business'}: ${domain?.metric ?? 'overview'}`, ' #');
    const doc = {
      '@type': 'Dashboard', '@id': `Dashboard/${token}`,
      ...assetBase(b, dir, project, { name: title, description: `Tracks ${domain?.metric ?? 'key metrics'} by week, region and channel for ${domain?.purpose ?? 'the business'}.`, sensitivity: 'internal' }),
      url: `https://bi.${org?.domain ?? 'example.com'}/dashboards/${token}`,
      sources: sources.map((d) => d.id).sort(),
      viewsLast30Days: r.int(0, 900),
    };
    return b.add(doc);
  });
  return { models, dashboards };
}
