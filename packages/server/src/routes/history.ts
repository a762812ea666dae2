import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Board, BoardSnapshot } from '@whiteroom/board';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  HistoryChanges,
  HistoryChangesQuery,
  HistoryPresence,
  HistoryPresenceQuery,
  HistoryState,
  HistoryStateQuery,
  HistorySummary,
  type SequencedChange,
} from '@whiteroom/protocol';
import { authenticate, requireRoomAccess } from '../auth.js';
import { boardAfterSeq } from '../history/board-at.js';
import { ApiError } from '../http/api-error.js';
import type { RoomRecord, StoredChange } from '../storage/storage.js';
import { tokenOf, type RouteContext } from './context.js';
import { AuthHeaders, CURRENT_ERRORS, UuidParams } from './schemas.js';

const errors = CURRENT_ERRORS;
const config = { generation: 'current' } as const;
const tags = ['history'];

const DEFAULT_CHANGES_LIMIT = 2000;
/** Member events in one presence answer; a longer range is answered in parts (see `to`). */
export const PRESENCE_EVENTS_LIMIT = 20_000;

/** A stored change as a player sees it: without its author's client fields, which stay private. */
const toSequenced = ({ seq, time, uid, op }: StoredChange): SequencedChange => ({
  seq,
  time,
  uid,
  op: op as SequencedChange['op'],
});

/**
 * Sends an answer serialised by JSON.stringify. The schema-driven serialiser picks a branch of
 * every union by validating against each (a board op is a union of eleven), which made a chunk of
 * changes cost several times what building it did; these answers are built from stored data that
 * was validated when it was accepted.
 */
function sendJson(reply: FastifyReply, answer: unknown): FastifyReply {
  return reply.type('application/json; charset=utf-8').send(JSON.stringify(answer));
}

/**
 * A snapshot of the given pages of a board made for this answer alone. The elements are the
 * board's own, not copies: the answer is serialised at once and the board thrown away, and copying
 * a large page would cost more than everything else in a seek.
 */
function snapshotOf(board: Board, pages: readonly string[]): BoardSnapshot {
  const snapshot = board.toSnapshot({ pages: [] });
  for (const path of pages) {
    const elements = board.getElements(path);
    snapshot.pages[path] = {
      order: elements.map((element) => element.id),
      elements: Object.fromEntries(elements.map((element) => [element.id, element])),
    };
  }
  return snapshot;
}

/**
 * The replay API of historied rooms (docs/replay.md). Any token of the room may read it, readers'
 * included; a banned room can still be replayed. It reads what is written: a live room's changes
 * are written before anyone is sent them, so no answer is behind what a client has seen.
 */
export function historyRoutes(context: RouteContext) {
  const { storage, hub } = context;

  async function recordedRoom(token: string | undefined, uuid: string): Promise<RoomRecord> {
    const caller = await authenticate(storage, token);
    requireRoomAccess(caller, uuid, 'reader');
    const room = await storage.rooms.find(caller.keyPair.appId, uuid);
    if (!room) throw new ApiError('roomNotFound');
    if (!room.isRecord) throw new ApiError('roomNotRecorded');
    return room;
  }

  return (app: FastifyInstance): void => {
    const api = app.withTypeProvider<TypeBoxTypeProvider>();

    api.get(
      '/v5/rooms/:uuid/history',
      {
        config,
        schema: {
          summary: 'What a historied room recorded',
          description: 'The span of the recording and its changes, to start a player with.',
          tags,
          headers: AuthHeaders,
          params: UuidParams,
          response: { 200: HistorySummary, ...errors },
        },
      },
      async (request): Promise<HistorySummary> => {
        const room = await recordedRoom(tokenOf(request, false), request.params.uuid);
        const bounds = await storage.roomLogs.recordingBounds(room.id);
        const begin = bounds.begin ?? Date.parse(room.createdAt);
        return {
          uuid: room.uuid,
          beginTimestamp: begin,
          endTimestamp: bounds.end ?? begin,
          // A historied room keeps every change, so its seqs have no gaps.
          changeCount: bounds.lastSeq === 0 ? 0 : bounds.lastSeq - bounds.firstSeq + 1,
          firstSeq: bounds.firstSeq,
          lastSeq: bounds.lastSeq,
          presenceSampleMs: hub.limits.presenceSampleMs,
        };
      },
    );

    api.get(
      '/v5/rooms/:uuid/history/state',
      {
        config,
        schema: {
          summary: 'The board of a historied room at a moment',
          description:
            'With `at`, the board with every change whose time is at most `at` applied; with ' +
            '`seq`, the board right after change `seq`. The snapshot holds the elements of one ' +
            'page: the current page then, unless `page` names another (`*`: every page). A ' +
            'moment before the room was created, after now, or a seq not yet reached is error 118.',
          tags,
          headers: AuthHeaders,
          params: UuidParams,
          querystring: HistoryStateQuery,
          response: { 200: HistoryState, ...errors },
        },
      },
      async (request, reply) => {
        const room = await recordedRoom(tokenOf(request, false), request.params.uuid);
        const { at, seq, page } = request.query;
        if ((at === undefined) === (seq === undefined)) {
          throw new ApiError('invalidQuery', { details: ['give either at or seq'] });
        }

        let target = seq ?? 0;
        if (at !== undefined) {
          const created = Date.parse(room.createdAt);
          const now = Date.now();
          if (at < created || at > now) {
            throw new ApiError('timeOutOfRange', {
              details: [`the room was recorded from ${created} to now (${now})`],
            });
          }
          target = await storage.roomLogs.seqAt(room.id, at);
        }
        const selection = page === undefined ? 'current' : page === '*' ? 'all' : [page];
        const state = await boardAfterSeq(storage, room, target, selection);
        if (page !== undefined && page !== '*' && state.pages.length === 0) {
          throw new ApiError('sceneNotFound', { details: [`no page ${page} at that moment`] });
        }
        const { board, pages } = state;
        const answeredAt = at ?? (state.seq === 0 ? Date.parse(room.createdAt) : state.time);
        const answer: HistoryState = {
          at: answeredAt,
          seq: state.seq,
          board: snapshotOf(board, pages),
          pages,
        };
        return sendJson(reply, answer);
      },
    );

    api.get(
      '/v5/rooms/:uuid/history/changes',
      {
        config,
        schema: {
          summary: 'Changes of a historied room, in order',
          description:
            'Changes with seq above `afterSeq` and time at most `until`, at most `limit` ' +
            '(2000 unless given, 10000 at most); `more` says the limit cut the answer short.',
          tags,
          headers: AuthHeaders,
          params: UuidParams,
          querystring: HistoryChangesQuery,
          response: { 200: HistoryChanges, ...errors },
        },
      },
      async (request, reply) => {
        const room = await recordedRoom(tokenOf(request, false), request.params.uuid);
        const { afterSeq, until, limit = DEFAULT_CHANGES_LIMIT } = request.query;
        const stored = await storage.roomLogs.changesAfter(room.id, afterSeq, limit + 1, until);
        const more = stored.length > limit;
        const answer: HistoryChanges = { changes: stored.slice(0, limit).map(toSequenced), more };
        return sendJson(reply, answer);
      },
    );

    api.get(
      '/v5/rooms/:uuid/history/presence',
      {
        config,
        schema: {
          summary: 'Members of a historied room over a span of time',
          description:
            'The members at `from` with their last recorded cursor, then the member events with ' +
            '`from < time <= to`. A long span may be answered in part: `to` in the answer says ' +
            'how far it covers.',
          tags,
          headers: AuthHeaders,
          params: UuidParams,
          querystring: HistoryPresenceQuery,
          response: { 200: HistoryPresence, ...errors },
        },
      },
      async (request, reply) => {
        const room = await recordedRoom(tokenOf(request, false), request.params.uuid);
        const { from } = request.query;
        if (request.query.to < from) {
          throw new ApiError('invalidQuery', { details: ['to is before from'] });
        }
        // Nothing is recorded after now: a span reaching past it is answered up to now, as the
        // answer's `to` says, and one that starts after it is out of range like a state then.
        const now = Date.now();
        if (from > now) {
          throw new ApiError('timeOutOfRange', {
            details: [`nothing is recorded after now (${now})`],
          });
        }
        const to = Math.min(request.query.to, now);

        const log = storage.roomLogs;
        const members = await log.membersAt(room.id, from);
        let events = await log.presenceBetween(room.id, from, to, PRESENCE_EVENTS_LIMIT + 1);
        let covered = to;
        const first = events[PRESENCE_EVENTS_LIMIT];
        if (first) {
          // Cut between two milliseconds, so that no moment is answered in part.
          covered = first.time - 1;
          events = events.filter((event) => event.time <= covered);
          if (covered <= from) {
            // Everything fell in one millisecond: that one is answered whole, however long.
            covered = first.time;
            events = await log.presenceBetween(room.id, from, covered, Number.MAX_SAFE_INTEGER);
          }
        }
        const answer: HistoryPresence = { from, to: covered, members, events };
        return sendJson(reply, answer);
      },
    );
  };
}
