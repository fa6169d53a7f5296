import type { Artifact } from './artifacts.js';

/** How a committed file differs from what the build would write. */
export interface Drift {
  readonly file: string;
  readonly status: 'missing' | 'changed';
  /** One-line summary: lines added/removed and the first differing line. */
  readonly summary: string;
}

function summarise(expected: string, actual: string): string {
  const want = expected.split('\n');
  const have = actual.split('\n');
  const firstDiff = want.findIndex((line, i) => line !== have[i]);
  const index = firstDiff === -1 ? want.length : firstDiff;
  const wantSet = new Map<string, number>();
  for (const line of want) wantSet.set(line, (wantSet.get(line) ?? 0) + 1);
  let removed = 0;
  for (const line of have) {
    const count = wantSet.get(line) ?? 0;
    if (count > 0) wantSet.set(line, count - 1);
    else removed++;
  }
  const added = [...wantSet.values()].reduce((a, b) => a + b, 0);
  const show = (line: string | undefined): string => JSON.stringify((line ?? '<end of file>').slice(0, 100));
  return `+${added} -${removed} lines; first difference at line ${index + 1}: expected ${show(want[index])}, found ${show(have[index])}`;
}

/**
 * Compares generated artifacts with the files on disk (`read` returns undefined for a missing file) and
 * lists every file that is missing or differs.
 */
export function findDrift(artifacts: readonly Artifact[], read: (path: string) => string | undefined): Drift[] {
  const drift: Drift[] = [];
  for (const artifact of artifacts) {
    const actual = read(artifact.path);
    if (actual === undefined) drift.push({ file: artifact.file, status: 'missing', summary: 'file does not exist' });
    else if (actual !== artifact.content) drift.push({ file: artifact.file, status: 'changed', summary: summarise(artifact.content, actual) });
  }
  return drift;
}
