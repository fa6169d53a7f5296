import { assetBase, humanize } from './assetBase.js';
import type { Directory } from './generateDirectory.js';
import { lexicalId } from './ids.js';
import type { Ref, SeedBuilder } from './SeedBuilder.js';
import { DOMAINS, LAYERS } from './vocabulary.js';

/** A generated dataset with what the lineage generator needs to know about it. */
export interface DatasetRef extends Ref {
  readonly project: number;
  readonly layer: number;
  readonly entity: string;
  readonly pii: readonly string[];
}

/** Datasets, pipelines, transforms (the lineage edges) and pipeline runs. */
export interface Lineage {
  readonly datasets: readonly DatasetRef[];
  readonly pipelines: readonly (Ref & { readonly project: number })[];
  readonly transforms: readonly (Ref & { readonly project: number; readonly inputs: string[]; readonly outputs: string[] })[];
}

const LAYER_PATTERN = [0, 1, 0, 2, 1, 3, 0, 1, 2];
const TAG = (name: string): string => lexicalId('Tag', [name]);

function generateDatasets(b: SeedBuilder, dir: Directory, count: number): DatasetRef[] {
  const r = b.random;
  return Array.from({ length: count }, (_, i) => {
    const project = i % dir.projects.length;
    const proj = dir.projects[project];
    const domain = DOMAINS[proj?.domain ?? 0] ?? DOMAINS[0];
    const layer = LAYER_PATTERN[Math.floor(i / dir.projects.length) % LAYER_PATTERN.length] ?? 0;
    const entity = r.pick(domain?.entities ?? ['events']);
    const org = dir.organisations[proj?.org ?? 0]?.doc['slug'] as string;
    const path = b.unique('dataset', `${org.replace(/-/g, '_')}.${domain?.schema ?? 'data'}_${LAYERS[layer] ?? 'raw'}.${entity}`, '_v');
    const key = `${entity.replace(/s$/, '')}_id`;
    const picked = r.sample((domain?.columns ?? []).filter(([name]) => name !== key), r.int(3, 6));
    const columns = [
      { '@type': 'Column', name: key, type: 'string', nullable: false, description: `Identifier of the ${humanize(entity).toLowerCase()} record.` },
      ...picked.map(([name, type, pii]) => ({
        '@type': 'Column', name, type, nullable: r.chance(0.3),
        ...(pii !== undefined ? { piiCategory: pii, description: `${humanize(name)} (personal data: ${pii}).` } : {}),
      })),
      { '@type': 'Column', name: 'loaded_at', type: 'timestamp', nullable: false, description: 'When the row was written by the pipeline.' },
    ];
    const pii = picked.flatMap(([, , p]) => (p === undefined ? [] : [p]));
    const layerName = LAYERS[layer] ?? 'raw';
    const sensitivity = pii.length > 0 ? (layer === 3 ? 'confidential' : 'restricted') : r.pick(['internal', 'internal', 'public']);
    const tags = [...(pii.length > 0 ? [TAG('gdpr')] : []), ...(layer === 3 ? [TAG('certified')] : [])].filter((t) => dir.tags.some((x) => x.id === t));
    const doc = {
      '@type': 'Dataset', '@id': lexicalId('Dataset', [path]),
      ...assetBase(b, dir, project, {
        name: `${humanize(entity)} (${layerName})`,
        description: `${humanize(layerName)} ${humanize(entity).toLowerCase()} for ${domain?.purpose ?? 'the business'}.${pii.length > 0 ? ` Contains personal data (${pii.join(', ')}).` : ''}`,
        sensitivity, tags,
      }),
      path, format: r.pick(layer === 0 ? ['json', 'csv', 'avro', 'parquet'] : ['parquet', 'delta', 'iceberg']),
      columns,
      rowCount: r.int(1_000, 50_000_000), sizeBytes: r.int(100_000, 900_000_000_000),
      freshnessSlaHours: r.pick([1, 6, 24, 24, 48]), lastRefreshedAt: b.within(220),
    };
    return { ...b.add(doc), project, layer, entity, pii };
  });
}

/** Generates datasets in layers and the transforms between them so that the lineage graph is connected. */
export function generateLineage(b: SeedBuilder, dir: Directory, counts: { datasets: number; pipelines: number }): Lineage {
  const r = b.random;
  const datasets = generateDatasets(b, dir, counts.datasets);
  const pipelines = Array.from({ length: counts.pipelines }, (_, i) => {
    const project = i % dir.projects.length;
    const proj = dir.projects[project];
    const cadence = r.pick(['hourly', 'daily', 'nightly', 'on-demand']);
    const slug = b.unique('pipeline', `${proj?.doc['slug'] as string}-${cadence}`);
    const trigger = cadence === 'on-demand' ? { '@type': 'Trigger', manual: [] }
      : cadence === 'hourly' ? { '@type': 'Trigger', afterUpstream: [] }
      : { '@type': 'Trigger', cron: cadence === 'daily' ? '0 6 * * *' : '30 1 * * *' };
    const doc = {
      '@type': 'Pipeline', '@id': lexicalId('Pipeline', [slug]),
      ...assetBase(b, dir, project, { name: `${proj?.doc['name'] as string} ${cadence} build`, description: `Builds the ${proj?.doc['name'] as string} datasets ${cadence === 'on-demand' ? 'when started by hand' : cadence}.`, sensitivity: 'internal' }),
      slug, trigger, repository: `https://git.example/${proj?.doc['slug'] as string}/pipelines`,
    };
    return { ...b.add(doc), project };
  });
  const connected = new Set<string>(datasets.filter((d) => d.layer === 0).slice(0, 1).map((d) => d.id));
  const transforms: (Ref & { project: number; inputs: string[]; outputs: string[] })[] = [];
  const targets = datasets.filter((d) => d.layer > 0).sort((a, c) => a.layer - c.layer);
  const pipelineOf = new Map<number, Ref>();
  for (const p of pipelines) if (!pipelineOf.has(p.project)) pipelineOf.set(p.project, p);
  const byProject = new Map<number, DatasetRef[]>();
  for (const d of datasets) {
    const list = byProject.get(d.project) ?? [];
    list.push(d);
    byProject.set(d.project, list);
  }
  for (const out of targets) {
    const sameProject = (byProject.get(out.project) ?? []).filter((d) => d.layer < out.layer);
    const last = transforms[transforms.length - 1];
    if (last !== undefined && last.project === out.project && last.outputs.length === 1 && r.chance(0.3)) {
      last.outputs.push(out.id);
      connected.add(out.id);
      continue;
    }
    const linked = sameProject.filter((d) => connected.has(d.id));
    const first = linked.length > 0 ? r.pick(linked) : r.pick(datasets.filter((d) => d.layer < out.layer && connected.has(d.id)));
    const loose = sameProject.filter((d) => !connected.has(d.id));
    const extra = r.sample(loose.length > 0 ? loose : sameProject, r.int(0, 2));
    const inputs = [...new Set([first.id, ...extra.map((d) => d.id)])];
    for (const id of [...inputs, out.id]) connected.add(id);
    const proj = dir.projects[out.project];
    const slug = b.unique('transform', `${proj?.doc['slug'] as string}-build-${out.entity.replace(/_/g, '-')}`);
    const layerName = LAYERS[out.layer] ?? 'staged';
    const language = out.layer === 1 ? r.pick(['pyspark', 'python', 'scala']) : r.pick(['sql', 'dbt']);
    const sources = inputs.map((id) => id.slice('Dataset/'.length));
    const doc = {
      '@type': 'Transform', '@id': lexicalId('Transform', [slug]),
      ...assetBase(b, dir, out.project, { name: `Build ${layerName} ${humanize(out.entity).toLowerCase()}`, description: `Produces the ${layerName} ${humanize(out.entity).toLowerCase()} from ${sources.length} upstream dataset(s).`, sensitivity: 'internal' }),
      slug, language,
      pipeline: (pipelineOf.get(out.project) ?? r.pick(pipelines)).id,
      logic: language === 'sql' || language === 'dbt'
        ? `select ${out.entity.replace(/s$/, '')}_id, count(*) as events, max(loaded_at) as loaded_at from ${sources.join(' join ')} group by 1`
        : `Deduplicates ${sources.join(', ')} on the business key, casts timestamps to UTC and drops rows that fail schema validation.`,
    };
    transforms.push({ ...b.add(doc), project: out.project, inputs, outputs: [out.id] });
  }
  const orphans = datasets.filter((d) => !connected.has(d.id));
  for (const orphan of orphans) {
    const reader = transforms.find((t) => t.project === orphan.project) ?? transforms[0];
    reader?.inputs.push(orphan.id);
  }
  for (const t of transforms) {
    (t.doc as Record<string, unknown>)['inputs'] = [...t.inputs].sort();
    (t.doc as Record<string, unknown>)['outputs'] = [...t.outputs].sort();
  }
  return { datasets, pipelines, transforms };
}
