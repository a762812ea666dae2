import { Compile } from 'typebox/compile';
import {
  API_ERRORS,
  CurrentErrorBodySchema,
  HistoryChanges,
  HistoryPresence,
  HistoryState,
  HistorySummary,
} from '@whiteroom/protocol';
import type { BoardSnapshot } from '@whiteroom/board';
import { ReplayError } from './errors.js';
import type { Logger } from './logger.js';
import { isBoardSnapshot } from './validate.js';

/**
 * The replay API of `docs/replay.md` over HTTP: one method per endpoint, each answer checked
 * against the protocol's schema and against what the request asked for before it is returned.
 */

/** What the SDK needs of `fetch`; the global one of browsers and Node 20 fits. */
export type FetchLike = (url: string, init: FetchInit) => Promise<FetchResponse>;

export interface FetchInit {
  headers: Record<string, string>;
  signal?: AbortSignal;
}

export interface FetchResponse {
  readonly ok: boolean;
  readonly status: number;
  json(): Promise<unknown>;
}

/** The board at a moment, as the player uses it. */
export interface LoadedState {
  at: number;
  seq: number;
  /** Holds the elements of `pages` only; the other pages are there, empty. */
  board: BoardSnapshot;
  pages: string[];
}

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Failed attempts to reach the server, or its 502 to 504 answers, are tried again this often. */
const RETRY_DELAYS_MS = [500, 1_000, 2_000];

const checkSummary = Compile(HistorySummary);
const checkState = Compile(HistoryState);
const checkChanges = Compile(HistoryChanges);
const checkPresence = Compile(HistoryPresence);
const checkErrorBody = Compile(CurrentErrorBodySchema);

interface Checker<T> {
  Check(value: unknown): value is T;
  Errors(value: unknown): { instancePath: string; message: string }[];
}

export class HistoryClient {
  private readonly base: string;

  constructor(
    serverUrl: string,
    room: string,
    private readonly token: string,
    private readonly fetch: FetchLike,
    private readonly timers: Timers,
    private readonly logger: Logger,
  ) {
    const url = new URL(serverUrl);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new TypeError(`serverUrl must be an http or https URL to replay, not ${url.protocol}`);
    }
    this.base = `${url.origin}${url.pathname.replace(/\/+$/, '')}/v5/rooms/${encodeURIComponent(room)}/history`;
  }

  summary(signal?: AbortSignal): Promise<HistorySummary> {
    return this.get('', {}, checkSummary, signal).then((summary) => {
      if (summary.endTimestamp < summary.beginTimestamp) {
        throw invalid('the recording ends before it begins');
      }
      return summary;
    });
  }

  /**
   * The board at time `at`, or right after change `seq`, with the elements of the current page
   * then, or of `page`.
   */
  async state(
    moment: { at: number } | { seq: number },
    page: string | undefined,
    signal?: AbortSignal,
  ): Promise<LoadedState> {
    const query = page === undefined ? moment : { ...moment, page };
    const state = await this.get('/state', query, checkState, signal);
    if ('at' in moment && state.at !== moment.at) {
      throw invalid(`asked for the board at ${moment.at}, got it at ${state.at}`);
    }
    if ('seq' in moment && state.seq !== moment.seq) {
      throw invalid(`asked for the board after change ${moment.seq}, got it after ${state.seq}`);
    }
    if (!isBoardSnapshot(state.board)) throw invalid('the board at a moment is not a board');
    const wanted = page ?? state.board.scenePath;
    if (!state.pages.includes(wanted)) throw invalid(`the board at a moment leaves out ${wanted}`);
    return { at: state.at, seq: state.seq, board: state.board, pages: state.pages };
  }

  /** Changes with seq above `afterSeq` and time at most `until`, in seq and time order. */
  async changes(
    afterSeq: number,
    until: number,
    limit: number,
    signal?: AbortSignal,
  ): Promise<HistoryChanges> {
    const answer = await this.get('/changes', { afterSeq, until, limit }, checkChanges, signal);
    if (answer.changes.length > limit) throw invalid(`more than the ${limit} changes asked for`);
    if (answer.more && answer.changes.length === 0) throw invalid('no changes, yet more to come');
    let seq = afterSeq;
    let time = 0;
    for (const change of answer.changes) {
      if (change.seq <= seq) throw invalid(`change ${change.seq} is out of order`);
      if (change.time < time || change.time > until) {
        throw invalid(`change ${change.seq} is out of the time asked for, or of order`);
      }
      seq = change.seq;
      time = change.time;
    }
    return answer;
  }

  /** Members at `from`, then their events up to `to` or less (the answer's `to` says). */
  async presence(from: number, to: number, signal?: AbortSignal): Promise<HistoryPresence> {
    const answer = await this.get('/presence', { from, to }, checkPresence, signal);
    if (
      answer.from !== from ||
      answer.to > to ||
      answer.to < from ||
      (answer.to === from && to > from)
    ) {
      throw invalid(`asked for presence from ${from} to ${to}, got ${answer.from} to ${answer.to}`);
    }
    let time = from;
    for (const event of answer.events) {
      if (event.time <= from || event.time > answer.to || event.time < time) {
        throw invalid(`a member event at ${event.time} is out of the time asked for, or of order`);
      }
      time = event.time;
    }
    return answer;
  }

  private async get<T>(
    path: string,
    query: Record<string, number | string>,
    checker: Checker<T>,
    signal: AbortSignal | undefined,
  ): Promise<T> {
    const search = Object.entries(query)
      .map(([key, value]) => `${key}=${encodeURIComponent(value)}`)
      .join('&');
    const url = `${this.base}${path}${search ? `?${search}` : ''}`;
    const what = `GET history${path}`;

    for (let attempt = 0; ; attempt++) {
      const retryIn = RETRY_DELAYS_MS[attempt];
      let response: FetchResponse;
      try {
        response = await this.fetch(url, {
          headers: { token: this.token, accept: 'application/json' },
          ...(signal && { signal }),
        });
      } catch (error) {
        if (signal?.aborted || retryIn === undefined) {
          throw new ReplayError('unreachable', `${what}: the server could not be reached`, {
            cause: error,
          });
        }
        this.logger.warn({ err: error, attempt }, `${what} failed; trying again`);
        await this.sleep(retryIn, signal);
        continue;
      }

      if (response.status >= 502 && response.status <= 504 && retryIn !== undefined) {
        this.logger.warn({ status: response.status, attempt }, `${what} failed; trying again`);
        await this.sleep(retryIn, signal);
        continue;
      }
      const body = await this.readJson(response, what);
      if (!response.ok) throw refusal(response.status, body, what);
      if (!checker.Check(body)) throw invalid(`${what}: ${firstError(checker, body)}`);
      return body;
    }
  }

  private async readJson(response: FetchResponse, what: string): Promise<unknown> {
    try {
      return await response.json();
    } catch (error) {
      if (!response.ok) return undefined;
      throw new ReplayError('invalidAnswer', `${what}: the answer is not JSON`, { cause: error });
    }
  }

  /** Waits, or less when the request is abandoned meanwhile. */
  private sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
    return new Promise((resolve) => {
      if (signal?.aborted) {
        resolve();
        return;
      }
      const onAbort = (): void => {
        this.timers.clearTimeout(handle);
        resolve();
      };
      const handle = this.timers.setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}

function invalid(message: string): ReplayError {
  return new ReplayError('invalidAnswer', `the server's replay answer is not valid: ${message}`);
}

function refusal(status: number, body: unknown, what: string): ReplayError {
  if (checkErrorBody.Check(body)) {
    return new ReplayError('refused', `${what}: ${body.message} (${body.error.code})`, {
      code: body.error.code,
      status,
    });
  }
  return new ReplayError('refused', `${what}: the server answered ${status}`, { status });
}

function firstError<T>(checker: Checker<T>, value: unknown): string {
  const [error] = checker.Errors(value);
  return error ? `${error.instancePath || '/'} ${error.message}` : 'not valid';
}

/** The error code of a persistent room asked for its recording. */
export const NOT_RECORDED_CODE = API_ERRORS.roomNotRecorded.code;
