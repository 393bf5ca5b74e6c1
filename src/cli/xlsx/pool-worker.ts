/**
 * The worker side of the .xlsx reading pool (pool.ts): inside a worker thread, read the
 * files the main thread sends, one message per file, and post each outcome back.
 *
 * Protocol (structured clone; Dates survive):
 *   worker → main  { type: 'ready' }                         once, when it can take files
 *   main → worker  { type: 'read', id, path, display, limits }
 *   worker → main  { type: 'done', id, outcome }              outcome: ReadOutcome
 */
import { type MessagePort, parentPort } from 'node:worker_threads';
import { CLI_TEXT as T } from '../../messages/vi/cli';
import { type ReadLimits, type ReadOutcome, readWorkbookFile } from './read';

/** workerData key that tells a thread it is one of the pool's workers. */
export const POOL_MARK = '__tonghopXlsxPool';

export interface ReadRequest {
  type: 'read';
  id: number;
  path: string;
  display: string;
  limits: ReadLimits;
}

export type WorkerMessage = { type: 'ready' } | { type: 'done'; id: number; outcome: ReadOutcome };

let serving = false;

/** Start answering read requests on parentPort (idempotent). */
export function servePool(): void {
  const port = parentPort;
  if (!port || serving) return;
  serving = true;
  // One file at a time (see readInProcess in pool.ts); the main thread keeps the next one queued.
  let queue: Promise<void> = Promise.resolve();
  port.on('message', (msg: ReadRequest) => {
    if (msg?.type !== 'read') return;
    queue = queue.then(() => serve(port, msg));
  });
  port.postMessage({ type: 'ready' } satisfies WorkerMessage);
}

function serve(port: MessagePort, msg: ReadRequest): Promise<void> {
  return readWorkbookFile(msg.path, msg.display, msg.limits).then(
    (outcome) => port.postMessage({ type: 'done', id: msg.id, outcome } satisfies WorkerMessage),
    (e: unknown) => {
      // readWorkbookFile never throws for bad input; this is a bug or an out-of-memory.
      const message = T.unreadable(msg.display, e instanceof Error ? e.message : String(e));
      const outcome: ReadOutcome = {
        file: msg.display,
        error: message,
        findings: [{ severity: 'error', code: 'file-unreadable', file: msg.display, message }],
        noResult: [],
      };
      port.postMessage({ type: 'done', id: msg.id, outcome } satisfies WorkerMessage);
    },
  );
}
