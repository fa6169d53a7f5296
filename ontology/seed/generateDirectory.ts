import { lexicalId, slugify } from './ids.js';
import type { Ref, SeedBuilder } from './SeedBuilder.js';
import { DOMAINS, FIRST_NAMES, JOB_TITLES, LAST_NAMES, ORGANISATIONS, TAGS, TEAMS } from './vocabulary.js';

/** Organisations, teams, people, projects and tags. */
export interface Directory {
  readonly organisations: readonly (Ref & { readonly domain: string })[];
  readonly teams: readonly (Ref & { readonly org: number; readonly members: Ref[] })[];
  readonly people: readonly Ref[];
  readonly projects: readonly (Ref & { readonly org: number; readonly domain: number; readonly team: number })[];
  readonly tags: readonly Ref[];
}

/** How many of each directory class to generate. */
export interface DirectoryCounts {
  readonly organisations: number;
  readonly teams: number;
  readonly people: number;
  readonly projects: number;
  readonly tags: number;
}

/** Generates the people side of the catalog: who works where, and the projects and tags assets use. */
export function generateDirectory(b: SeedBuilder, n: DirectoryCounts): Directory {
  const r = b.random;
  const organisations = Array.from({ length: n.organisations }, (_, i) => {
    const spec = ORGANISATIONS[i % ORGANISATIONS.length] ?? ORGANISATIONS[0];
    const slug = b.unique('org', slugify(spec.name));
    const domain = `${slug}.example`;
    const name = slug === slugify(spec.name) ? spec.name : `${spec.name} ${slug.split('-').pop() ?? ''}`;
    const id = lexicalId('Organisation', [slug]);
    return { ...b.add({ '@type': 'Organisation', '@id': id, slug, name, domain, description: spec.description }), domain };
  });
  const teams = Array.from({ length: n.teams }, (_, i) => {
    const org = i % organisations.length;
    const [name, mission] = TEAMS[Math.floor(i / organisations.length) % TEAMS.length] ?? TEAMS[0];
    const orgRef = organisations[org];
    const slug = b.unique('team', `${orgRef?.doc['slug'] as string}-${slugify(name)}`);
    const doc = {
      '@type': 'Team', '@id': lexicalId('Team', [slug]), slug, name, organisation: orgRef?.id ?? '', mission,
      onCallChannel: `#oncall-${slugify(name)}`,
    };
    return { ...b.add(doc), org, members: [] as Ref[] };
  });
  const people = Array.from({ length: n.people }, (_, i) => {
    const first = r.pick(FIRST_NAMES);
    const last = r.pick(LAST_NAMES);
    const handle = b.unique('person', slugify(`${first}.${last}`).replace(/-/g, '.'), '');
    const team = teams[i % teams.length];
    const org = organisations[team?.org ?? 0];
    const doc = {
      '@type': 'Person', '@id': lexicalId('Person', [handle]), handle, fullName: `${first} ${last}`,
      email: `${handle}@${org?.domain ?? 'example.com'}`,
      ...(r.chance(0.7) ? { phone: `+44 7700 900${String(r.int(0, 999)).padStart(3, '0')}` } : {}),
      jobTitle: r.pick(JOB_TITLES),
      teams: team === undefined ? [] : [team.id],
      joinedOn: b.at(-r.int(30, 3000) * 24 * 60).slice(0, 10),
      active: r.chance(0.94),
    };
    const ref = b.add(doc);
    team?.members.push(ref);
    return ref;
  });
  for (const team of teams) {
    const [lead, ...rest] = team.members;
    if (lead === undefined) continue;
    (team.doc as Record<string, unknown>)['lead'] = lead.id;
    for (const member of rest) (member.doc as Record<string, unknown>)['manager'] = lead.id;
  }
  const projects = Array.from({ length: n.projects }, (_, i) => {
    const org = i % organisations.length;
    const domain = Math.floor(i / organisations.length) % DOMAINS.length;
    const spec = DOMAINS[domain] ?? DOMAINS[0];
    const orgTeams = teams.map((t, index) => ({ t, index })).filter(({ t }) => t.org === org);
    const team = orgTeams.length > 0 ? r.pick(orgTeams).index : 0;
    const slug = b.unique('project', `${organisations[org]?.doc['slug'] as string}-${slugify(spec?.name ?? 'data')}`);
    const doc = {
      '@type': 'Project', '@id': lexicalId('Project', [slug]), slug, name: spec?.name ?? slug,
      organisation: organisations[org]?.id ?? '', description: `Data products for ${spec?.purpose ?? 'the business'}.`,
      sensitivity: spec?.columns.some((c) => c[2] !== undefined) ? 'restricted' : 'internal',
    };
    return { ...b.add(doc), org, domain, team };
  });
  const tags = TAGS.slice(0, n.tags).map(([name, description, color]) =>
    b.add({ '@type': 'Tag', '@id': lexicalId('Tag', [name]), name, description, color }));
  return { organisations, teams, people, projects, tags };
}
