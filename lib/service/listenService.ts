import { serve, type FetchHandler, type RawHandler, type Served } from '../http/index.js';
import type { Logger } from '../log/index.js';

/** Where and how a subgraph process listens. */
export interface ListenServiceOptions {
  /** `core` logs `core subgraph listening`. */
  readonly name: string;
  readonly port: number;
  readonly host: string;
  readonly logger: Logger;
  /** Logged with the URL in the `listening` line. */
  readonly fields?: Readonly<Record<string, unknown>>;
  /** Hot routes answered straight from node:http (lib `serve`'s `raw`). */
  readonly raw?: RawHandler;
}

/**
 * Serves a subgraph's handler (unhandled errors logged), logs `<name> subgraph listening` with the
 * URL and `fields`, and prints `{"url": ...}` as one JSON line on stdout (what `npm start` and the
 * tests wait for).
 */
export async function listenService(handler: FetchHandler, { name, port, host, logger, fields = {}, raw }: ListenServiceOptions): Promise<Served> {
  const served = await serve(handler, { ...(raw === undefined ? {} : { raw }), port, host, onError: (err) => logger.error({ err }, 'unhandled error') });
  logger.info({ url: served.url, ...fields }, `${name} subgraph listening`);
  console.log(JSON.stringify({ url: served.url }));
  return served;
}
