/**
 * Reads a child's memory after a full garbage collection, through the inspector the child was
 * started with. Without the collection, resident memory after a few thousand joins depends on
 * when V8 last collected, and differs by half from one run to the next.
 */
import WebSocket, { type RawData } from 'ws';

const ANSWER_TIMEOUT_MS = 10_000;

export interface MemoryFigures {
  /** Resident memory of the process (VmRSS), bytes. */
  rss: number;
  /** Live objects of the JavaScript heap, bytes. */
  heapUsed: number;
  /** Memory of C++ objects tied to JavaScript ones, buffers included, bytes. */
  external: number;
}

export interface HeapProbe {
  /** Collects all garbage in the child, then reads its memory. */
  measure(): Promise<MemoryFigures>;
  close(): void;
}

/** Connects to a child's inspector (`ws://127.0.0.1:<port>/<id>`, from its start-up line). */
export async function openHeapProbe(inspectorUrl: string): Promise<HeapProbe> {
  const socket = new WebSocket(inspectorUrl, { perMessageDeflate: false });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });

  let nextId = 1;
  const call = (method: string, params: Record<string, unknown> = {}) =>
    new Promise<unknown>((resolve, reject) => {
      const id = nextId++;
      const timer = setTimeout(() => {
        socket.off('message', onMessage);
        reject(new Error(`the inspector did not answer ${method}`));
      }, ANSWER_TIMEOUT_MS);
      const onMessage = (data: RawData) => {
        const answer: unknown = JSON.parse(data.toString());
        if (!isRecord(answer) || answer.id !== id) return;
        clearTimeout(timer);
        socket.off('message', onMessage);
        if (isRecord(answer.error)) reject(new Error(`${method}: ${String(answer.error.message)}`));
        else resolve(answer.result);
      };
      socket.on('message', onMessage);
      socket.send(JSON.stringify({ id, method, params }));
    });

  return {
    measure: async () => {
      await call('HeapProfiler.collectGarbage');
      const result = await call('Runtime.evaluate', {
        expression: 'JSON.stringify(process.memoryUsage())',
        returnByValue: true,
      });
      const value = isRecord(result) && isRecord(result.result) ? result.result.value : undefined;
      const usage: unknown = typeof value === 'string' ? JSON.parse(value) : undefined;
      if (
        !isRecord(usage) ||
        typeof usage.rss !== 'number' ||
        typeof usage.heapUsed !== 'number' ||
        typeof usage.external !== 'number'
      ) {
        throw new Error('the inspector gave no memory usage');
      }
      return { rss: usage.rss, heapUsed: usage.heapUsed, external: usage.external };
    },
    close: () => socket.terminate(),
  };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;
