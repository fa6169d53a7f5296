import type { Directory } from './generateDirectory.js';
import type { SeedBuilder } from './SeedBuilder.js';

/** Fields every Asset has, for an asset of project `project` (index into `dir.projects`). */
export function assetBase(
  b: SeedBuilder,
  dir: Directory,
  project: number,
  fields: { name: string; description: string; sensitivity: string; tags?: readonly string[] },
): Record<string, unknown> {
  const r = b.random;
  const proj = dir.projects[project] ?? dir.projects[0];
  const team = dir.teams[proj?.team ?? 0];
  const personal = r.chance(0.06) && team !== undefined && team.members.length > 0;
  const owner = personal ? { '@type': 'Owner', person: r.pick(team.members).id } : { '@type': 'Owner', team: team?.id ?? '' };
  const created = r.int(0, 200 * 24 * 60);
  const tagIds = [...new Set([...(fields.tags ?? []), ...r.sample(dir.tags, r.int(0, 2)).map((t) => t.id)])].sort();
  return {
    name: fields.name,
    description: fields.description,
    status: r.pick(['active', 'active', 'active', 'active', 'draft', 'deprecated', 'archived']),
    sensitivity: fields.sensitivity,
    owner,
    project: proj?.id ?? '',
    tags: tagIds,
    createdAt: b.at(created),
    ...(r.chance(0.7) ? { updatedAt: b.at(created + r.int(60, 60 * 24 * 90)) } : {}),
  };
}

/** Title-cases a snake_case entity name: `card_transactions` → `Card transactions`. */
export function humanize(entity: string): string {
  const words = entity.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
