const TRAILER = /^([A-Za-z][A-Za-z0-9-]*):[ \t]*(.*)$/;

/**
 * The trailers of a commit message: the `Key: value` lines of its last paragraph, when that
 * paragraph consists only of such lines and is not the whole message (git's rule). A key given
 * twice keeps its last value.
 */
export function parseTrailers(message: string): Record<string, string> {
  const paragraphs = message.replace(/\r\n/g, '\n').trimEnd().split(/\n[ \t]*\n/);
  if (paragraphs.length < 2) return {};
  const last = (paragraphs.at(-1) ?? '').split('\n');
  const trailers: Record<string, string> = {};
  for (const line of last) {
    const m = TRAILER.exec(line.trim());
    if (m === null) return {};
    trailers[m[1] ?? ''] = (m[2] ?? '').trim();
  }
  return trailers;
}
