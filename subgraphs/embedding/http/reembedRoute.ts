import { json, TerminusError, type ErrorCode, type Logger } from '../../../lib/index.js';
import { BranchMissingError, type EmbeddingEngine, type SyncResult } from '../engine/EmbeddingEngine.js';
import { EmbedderError } from '../providers/Embedder.js';

/** The catalogued code of a failed run. */
function failureCode(err: unknown): ErrorCode {
  if (err instanceof BranchMissingError) return 'BRANCH_NOT_FOUND';
  if (err instanceof EmbedderError) return 'EMBEDDING_PROVIDER_UNAVAILABLE';
  if (err instanceof TerminusError) return 'TERMINUSDB_UNAVAILABLE';
  return 'INTERNAL_SERVER_ERROR';
}

/** Body of `POST /reembed`. */
export interface ReembedRequest {
  readonly branch: string;
  readonly types?: readonly string[];
  readonly force?: boolean;
}

function bad(message: string): Response {
  return json({ errors: [{ message, extensions: { code: 'BAD_USER_INPUT' } }] }, 400);
}

/** Checks a `/reembed` body against the engine: an error response, or the request. */
export function parseReembed(body: unknown, engine: EmbeddingEngine): ReembedRequest | Response {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return bad('The body must be a JSON object {"branch": "main", "types"?: [...], "force"?: false}');
  const b = body as Record<string, unknown>;
  const branch = b['branch'] ?? 'main';
  if (typeof branch !== 'string' || !engine.branches.includes(branch)) return bad(`branch must be one of ${engine.branches.join(', ')}`);
  const known = new Set([...engine.plan.classes.values()].map((c) => c.type));
  const types = b['types'];
  if (types !== undefined && types !== null && (!Array.isArray(types) || types.length === 0 || !types.every((t) => typeof t === 'string' && known.has(t)))) {
    return bad(`types must be a non-empty list of embeddable classes (${[...known].join(', ')})`);
  }
  const force = b['force'] ?? false;
  if (typeof force !== 'boolean') return bad('force must be true or false');
  return { branch, force, ...(Array.isArray(types) ? { types: types as string[] } : {}) };
}

/**
 * Runs a re-embedding and streams `application/x-ndjson`: `{"progress":{"done","total"}}` lines (at
 * most every 250 ms, and the last), then `{"result":{...}}` or `{"error":{"code","message"}}`. The
 * work is cancelled when the client goes away (the response stream is cancelled or the request aborted).
 */
export function reembedResponse(engine: EmbeddingEngine, request: Request, body: ReembedRequest, options: { author: string; logger: Logger }): Response {
  const abort = new AbortController();
  request.signal.addEventListener('abort', () => abort.abort(new Error('client went away')), { once: true });
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (line: unknown): void => {
        if (abort.signal.aborted) return;
        try {
          controller.enqueue(encoder.encode(`${JSON.stringify(line)}\n`));
        } catch {
          abort.abort(new Error('client went away'));
        }
      };
      let last = 0;
      void (async () => {
        try {
          const result: SyncResult = await engine.reembed({
            branch: body.branch,
            ...(body.types === undefined ? {} : { types: body.types }),
            ...(body.force === undefined ? {} : { force: body.force }),
            author: options.author,
            signal: abort.signal,
            onProgress: (p) => {
              const now = Date.now();
              if (now - last >= 250 || p.done === p.total) {
                last = now;
                send({ progress: p });
              }
            },
          });
          send({ result });
        } catch (err) {
          if (abort.signal.aborted) options.logger.info({ branch: body.branch }, 're-embedding cancelled: the client went away');
          else {
            options.logger.warn({ err, branch: body.branch }, 're-embedding failed');
            send({ error: { code: failureCode(err), message: failureCode(err) === 'INTERNAL_SERVER_ERROR' ? 'Internal server error (logged)' : (err as Error).message } });
          }
        } finally {
          try {
            controller.close();
          } catch {
            // already cancelled
          }
        }
      })();
    },
    cancel() {
      abort.abort(new Error('client went away'));
    },
  });
  return new Response(stream, { status: 200, headers: { 'content-type': 'application/x-ndjson', 'cache-control': 'no-store' } });
}
