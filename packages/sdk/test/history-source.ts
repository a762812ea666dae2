import { Board } from '@whiteroom/board';
import {
  API_ERRORS,
  type BoardOp,
  type HistoryChanges,
  type HistoryMember,
  type HistoryPresence,
  type HistoryState,
  type HistorySummary,
  type PresenceEvent,
  type SequencedChange,
} from '@whiteroom/protocol';
import type { FetchLike, FetchResponse } from '../src/history-client.js';
import type { PlayerCursor, PlayerTimers } from '../src/player-types.js';

/**
 * The replay API of `docs/replay.md`, answered from a recorded list of changes and member events
 * in memory, with hooks to hold answers back and to spoil them. And a clock moved by hand.
 */

export const ROOM = '0123456789abcdef0123456789abcdef';

export interface Recording {
  changes: SequencedChange[];
  presence: PresenceEvent[];
  /** Answer every request with error 117, as for a persistent room. */
  persistent?: boolean;
  /** The longest presence window the source answers; longer ones end early. */
  maxPresenceSpan?: number;
}

type Endpoint = 'summary' | 'state' | 'changes' | 'presence';

export interface Request {
  endpoint: Endpoint;
  query: Record<string, string>;
}

/** Builds a recording: `at(ms)` moves the recording's time, `change` and `event` record. */
export class RecordingBuilder {
  readonly changes: SequencedChange[] = [];
  readonly presence: PresenceEvent[] = [];
  time: number;

  constructor(readonly begin: number) {
    this.time = begin;
  }

  at(offset: number): this {
    this.time = this.begin + offset;
    return this;
  }

  change(op: BoardOp): this {
    this.changes.push({ seq: this.changes.length + 1, time: this.time, uid: 'someone', op });
    return this;
  }

  joined(memberId: number): this {
    const member: HistoryMember = { memberId, uid: `user-${memberId}`, payload: { memberId } };
    this.presence.push({ type: 'joined', time: this.time, member });
    return this;
  }

  left(memberId: number): this {
    this.presence.push({ type: 'left', time: this.time, memberId });
    return this;
  }

  cursor(memberId: number, x: number, y: number, scenePath = '/init'): this {
    this.presence.push({ type: 'cursor', time: this.time, memberId, cursor: { x, y }, scenePath });
    return this;
  }

  build(): Recording {
    return { changes: this.changes, presence: this.presence };
  }
}

/** The whole board after the changes up to time T, or up to change `seq`. */
export function boardAt(recording: Recording, moment: { time: number } | { seq: number }): Board {
  const board = new Board();
  for (const change of recording.changes) {
    if ('time' in moment ? change.time > moment.time : change.seq > moment.seq) break;
    const result = board.apply(change.op);
    if (!result.ok) throw new Error(`change ${change.seq} does not apply: ${result.message}`);
  }
  return board;
}

/**
 * What a replay shows at time T, computed the plain way: the pages, the current page and its
 * elements, the global state, the members and their cursors.
 */
export function expectedAt(recording: Recording, time: number) {
  const board = boardAt(recording, { time });
  const { scenes, scenePath, globalState } = board.toSnapshot({ pages: [] });
  const presence = presenceAt(recording.presence, time);
  return {
    scenes,
    scenePath,
    globalState,
    elements: board.getElements(),
    members: presence.members.map(({ member }) => member),
    cursors: presence.members.map(({ member, cursor, scenePath }): PlayerCursor => ({
      memberId: member.memberId,
      cursor,
      ...(scenePath !== undefined && { scenePath }),
    })),
  };
}

function presenceAt(events: PresenceEvent[], time: number) {
  const members = new Map<number, HistoryPresence['members'][number]>();
  for (const event of events) {
    if (event.time > time) break;
    switch (event.type) {
      case 'joined':
        members.set(event.member.memberId, { member: event.member, cursor: null });
        break;
      case 'left':
        members.delete(event.memberId);
        break;
      case 'cursor': {
        const entry = members.get(event.memberId);
        if (entry) {
          members.set(event.memberId, {
            member: entry.member,
            cursor: event.cursor,
            ...(event.scenePath !== undefined && { scenePath: event.scenePath }),
          });
        }
        break;
      }
    }
  }
  return { members: [...members.values()].sort((a, b) => a.member.memberId - b.member.memberId) };
}

/** A fetch over a recording, as the server answers the replay API. */
export class HistorySource {
  readonly requests: Request[] = [];
  /** Answers of these endpoints wait until `release`. */
  private readonly held = new Set<Endpoint>();
  private readonly waiting: { endpoint: Endpoint; answer: () => void }[] = [];
  /** Replaces the body of an endpoint's answers. */
  readonly tamper = new Map<Endpoint, (body: unknown) => unknown>();

  constructor(readonly recording: Recording) {}

  get summary(): HistorySummary {
    const { changes, presence } = this.recording;
    const times = [...changes.map((c) => c.time), ...presence.map((e) => e.time)];
    return {
      uuid: ROOM,
      beginTimestamp: Math.min(...times),
      endTimestamp: Math.max(...times),
      changeCount: changes.length,
      firstSeq: changes[0]?.seq ?? 0,
      lastSeq: changes.at(-1)?.seq ?? 0,
      presenceSampleMs: 100,
    };
  }

  hold(endpoint: Endpoint): void {
    this.held.add(endpoint);
  }

  /** Lets held answers go, the oldest first (or the newest first when `reverse`). */
  release(endpoint: Endpoint, { reverse = false } = {}): void {
    this.held.delete(endpoint);
    const mine = this.waiting.filter((entry) => entry.endpoint === endpoint);
    for (const entry of mine) this.waiting.splice(this.waiting.indexOf(entry), 1);
    for (const entry of reverse ? mine.reverse() : mine) entry.answer();
  }

  of(endpoint: Endpoint): Request[] {
    return this.requests.filter((request) => request.endpoint === endpoint);
  }

  readonly fetch: FetchLike = (url, init) => {
    const { pathname, searchParams } = new URL(url);
    const match = /^\/v5\/rooms\/([0-9a-f]{32})\/history(?:\/(state|changes|presence))?$/.exec(
      pathname,
    );
    if (!match) return Promise.resolve(errorAnswer('routeNotFound'));
    if (init.headers.token !== 'NETLESSROOM_test') {
      return Promise.resolve(errorAnswer('tokenRoomForbidden'));
    }
    const endpoint = (match[2] ?? 'summary') as Endpoint;
    const query = Object.fromEntries(searchParams);
    this.requests.push({ endpoint, query });

    const answer = (): FetchResponse => {
      if (this.recording.persistent) return errorAnswer('roomNotRecorded');
      // As the server reads them: numbers in a query are whole and decimal.
      if (Object.values(query).some((value) => /^-?\d/.test(value) && !/^\d+$/.test(value))) {
        return errorAnswer('invalidQuery');
      }
      const body = this.answer(endpoint, query);
      const tamper = this.tamper.get(endpoint);
      return jsonAnswer(200, tamper ? tamper(body) : body);
    };
    return new Promise((resolve, reject) => {
      const respond = () => {
        if (init.signal?.aborted) reject(new DOMException('aborted', 'AbortError'));
        else resolve(answer());
      };
      if (this.held.has(endpoint)) this.waiting.push({ endpoint, answer: respond });
      else queueMicrotask(respond);
    });
  };

  private answer(endpoint: Endpoint, query: Record<string, string>): unknown {
    const { changes, presence } = this.recording;
    switch (endpoint) {
      case 'summary':
        return this.summary;
      case 'state': {
        const { at, seq, page } = query;
        const included = changes.filter((change) =>
          at === undefined ? change.seq <= Number(seq) : change.time <= Number(at),
        );
        const last = included.at(-1);
        const board = boardAt(
          this.recording,
          at === undefined ? { seq: Number(seq) } : { time: Number(at) },
        );
        const pages = page === '*' ? board.pagePaths() : [page ?? board.scenePath];
        return {
          at: at === undefined ? (last?.time ?? 0) : Number(at),
          seq: last?.seq ?? 0,
          board: board.toSnapshot({ pages }),
          pages,
        } satisfies HistoryState;
      }
      case 'changes': {
        const afterSeq = Number(query.afterSeq);
        const until = Number(query.until);
        const limit = Number(query.limit ?? 2000);
        const after = changes.filter((c) => c.seq > afterSeq && c.time <= until);
        return {
          changes: after.slice(0, limit),
          more: after.length > limit,
        } satisfies HistoryChanges;
      }
      case 'presence': {
        const from = Number(query.from);
        const to = Math.min(Number(query.to), from + (this.recording.maxPresenceSpan ?? 1e15));
        return {
          from,
          to,
          members: presenceAt(presence, from).members,
          events: presence.filter((event) => event.time > from && event.time <= to),
        } satisfies HistoryPresence;
      }
    }
  }
}

function jsonAnswer(status: number, body: unknown): FetchResponse {
  const text = JSON.stringify(body);
  return {
    ok: status >= 200 && status < 300,
    status,
    json: () => Promise.resolve(JSON.parse(text) as unknown),
  };
}

function errorAnswer(name: keyof typeof API_ERRORS): FetchResponse {
  const { code, status, title, message } = API_ERRORS[name];
  return jsonAnswer(status, { message, error: { code, title, messages: [message] } });
}

/** Time and timers moved by hand: `advance` fires what falls due, in order. */
export class FakeClock implements PlayerTimers {
  private time = 0;
  private nextId = 1;
  private readonly timers = new Map<number, { due: number; callback: () => void }>();

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.set(id, { due: this.time + ms, callback });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  get pending(): number {
    return this.timers.size;
  }

  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      let next: [number, { due: number; callback: () => void }] | undefined;
      for (const entry of this.timers) {
        if (entry[1].due <= end && (!next || entry[1].due < next[1].due)) next = entry;
      }
      if (!next) break;
      this.timers.delete(next[0]);
      this.time = next[1].due;
      next[1].callback();
    }
    this.time = end;
  }
}

/** Lets every answer already given reach the player. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
}
