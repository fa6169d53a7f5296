import type { Random } from './random.js';
import type { SeedDocument } from './SeedBuilder.js';

/** Text of a generated incident. */
export interface IncidentText {
  readonly title: string;
  readonly summary: string;
  readonly severity: string;
  readonly rootCause: string;
}

const str = (doc: SeedDocument | undefined, key: string, fallback = ''): string => {
  const value = doc?.[key];
  return typeof value === 'string' ? value : fallback;
};

type ColumnDoc = { name: string; piiCategory?: string };

function columnOf(r: Random, dataset: SeedDocument, pii: boolean): string | undefined {
  const columns = ((dataset['columns'] as ColumnDoc[] | undefined) ?? []).filter((c) => !pii || c.piiCategory !== undefined);
  return columns.length > 0 ? r.pick(columns).name : undefined;
}

/** Writes an incident about a dataset, the transform that builds it and an asset downstream of it. */
export function incidentText(r: Random, at: { dataset: SeedDocument; transform: SeedDocument; downstream: SeedDocument | undefined }): IncidentText {
  const ds = str(at.dataset, 'path');
  const tf = str(at.transform, 'slug');
  const down = at.downstream === undefined ? 'downstream reports' : `"${str(at.downstream, 'name')}"`;
  const col = columnOf(r, at.dataset, false) ?? 'amount';
  const piiCol = columnOf(r, at.dataset, true);
  const sla = String(at.dataset['freshnessSlaHours'] ?? 24);
  const kinds: IncidentText[] = [
    {
      title: `${ds} is stale`, severity: 'sev2',
      summary: `${ds} has not refreshed for more than ${sla} hours, breaching its freshness SLA. ${down} shows yesterday's numbers. Consumers should not use today's figures until the backfill completes.`,
      rootCause: `The transform ${tf} failed after the source system changed ${col} from an integer to a string; the cast now handles both and the partition was backfilled.`,
    },
    {
      title: `Schema change upstream of ${ds}`, severity: 'sev3',
      summary: `A new column appeared in a source of ${tf}, which rejects unknown columns, so loads into ${ds} stopped. No data was lost; rows are queued in the landing zone.`,
      rootCause: `The producer added a column without a contract change. ${tf} now tolerates additive changes and the producing team joined the schema review rota.`,
    },
    {
      title: `Duplicate rows in ${ds}`, severity: 'sev2',
      summary: `Row counts in ${ds} doubled for one day: a retried run of ${tf} appended the same batch twice. ${down} over-reports totals for that day.`,
      rootCause: `The write mode was append instead of an idempotent merge on ${col}. Switched to merge and deduplicated the affected partition.`,
    },
    ...(piiCol === undefined ? [] : [{
      title: `Unmasked personal data in ${ds}`, severity: 'sev1',
      summary: `Column ${piiCol} in ${ds} contained unmasked values although the dataset is classified ${str(at.dataset, 'sensitivity')}. Access was restricted to the owning team while the data protection officer reviews who read it.`,
      rootCause: `The masking step in ${tf} was skipped for late-arriving records. Masking now runs in the ingestion layer and a scanner checks every new partition.`,
    }]),
    {
      title: `Numbers in ${down} disagree with finance`, severity: 'sev3',
      summary: `Totals in ${down} are about 4% below the ledger for last month. The gap is concentrated in non-euro transactions read from ${ds}.`,
      rootCause: `${tf} joined against a stale exchange-rate table; the join now uses the rate valid on the transaction date.`,
    },
    {
      title: `Model drift on data from ${ds}`, severity: 'sev4',
      summary: `Evaluation on last week's data shows a drop in accuracy for ${down}. The distribution of ${col} in ${ds} shifted after a product launch.`,
      rootCause: `The feature ${col} changed meaning after the launch; the model was retrained on the new distribution and a drift monitor was added.`,
    },
  ];
  return r.pick(kinds);
}

/** Writes a note about an asset or an incident. */
export function noteText(r: Random, subject: SeedDocument, onIncident: boolean): string {
  const name = str(subject, 'name', str(subject, 'title', str(subject, 'code')));
  if (onIncident) {
    return r.pick([
      `Update on ${str(subject, 'code')}: the backfill is running and should finish within two hours. Next update at 16:00 UTC.`,
      `Confirmed with the producing team that no further bad records are expected. Keeping ${str(subject, 'code')} open until one clean run has completed.`,
      `Customer-facing impact checked: none of the external reports used the affected partitions.`,
      `Post-mortem scheduled for Thursday. Please add timeline entries to the incident document before then.`,
    ]);
  }
  return r.pick([
    `**How to use ${name}:** join on the business key, never on the surrogate id, and filter on \`loaded_at\` for incremental reads.`,
    `Caveat: ${name} excludes test accounts and internal transfers since March. Older partitions still contain them.`,
    `${name} is the certified source for quarterly reporting. Ask in the owning team's channel before changing its logic.`,
    `Heads-up: ${name} will move to the new lakehouse catalog next quarter. The path stays the same; the format changes to Iceberg.`,
    `Row counts for ${name} dip every Sunday because two upstream systems do not publish at weekends. This is expected.`,
    `Access to ${name} requires a grant approved by Data Governance because it contains personal data.`,
  ]);
}
