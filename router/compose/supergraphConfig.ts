import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ConfigError } from '../config/ConfigError.js';

/** One subgraph of `supergraph.yaml`. */
export interface SubgraphEntry {
  /** Subgraph name (the key in `supergraph.yaml`). */
  readonly name: string;
  /** Absolute path of the subgraph's SDL file. */
  readonly schemaFile: string;
  /** Routing URL the router sends fetches to. */
  readonly url: string;
}

/** The parsed `supergraph.yaml`: subgraph name → schema file + routing URL. */
export interface SupergraphConfig {
  /** The file it was read from (absolute). */
  readonly file: string;
  readonly subgraphs: readonly SubgraphEntry[];
}

/**
 * Reads `supergraph.yaml`. Accepts `subgraphs: { name: { schema, url } }`, a top-level
 * `name: { schema, url }` map, and rover's spelling (`routing_url`, `schema: { file }`). Schema paths
 * are relative to the repository root (the yaml file's folder).
 */
export async function readSupergraphConfig(file: string): Promise<SupergraphConfig> {
  const abs = resolve(file);
  let doc: unknown;
  try {
    doc = parseYaml(await readFile(abs, 'utf8'));
  } catch (err) {
    throw new ConfigError(`cannot read ${file}: ${(err as Error).message}`);
  }
  const root = isRecord(doc) && isRecord(doc['subgraphs']) ? doc['subgraphs'] : doc;
  if (!isRecord(root)) throw new ConfigError(`${file}: expected a map of subgraph name → { schema, url }`);
  const base = dirname(abs);
  const subgraphs = Object.entries(root)
    .filter(([name]) => name !== 'federation_version')
    .map(([name, entry]): SubgraphEntry => {
      if (!isRecord(entry)) throw new ConfigError(`${file}: subgraph "${name}" must be a map with schema and url`);
      const schema = isRecord(entry['schema']) ? entry['schema']['file'] : entry['schema'];
      const url = entry['url'] ?? entry['routing_url'];
      if (typeof schema !== 'string' || schema === '') throw new ConfigError(`${file}: subgraph "${name}" needs "schema: <file>"`);
      if (typeof url !== 'string' || !/^https?:\/\//.test(url)) throw new ConfigError(`${file}: subgraph "${name}" needs "url: http(s)://…" (got ${String(url)})`);
      return { name, schemaFile: resolve(base, schema), url };
    });
  if (subgraphs.length === 0) throw new ConfigError(`${file}: lists no subgraphs`);
  return { file: abs, subgraphs };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
