import { describe, expect, it } from 'vitest';
import type { BoardOp } from '@whiteroom/protocol';
import { HistoryClient } from '../src/history-client.js';
import { openPlayer, TICK_MS, type Player } from '../src/player.js';
import type { PlayerCallbacks, PlayerPhase, ReplayRoomParams } from '../src/player-types.js';
import { ReplayError, WhiteWebSdk, type Logger } from '../src/index.js';
import { addOp, fakeNetwork, recordingLogger } from './helpers.js';
import {
  expectedAt,
  FakeClock,
  flush,
  HistorySource,
  RecordingBuilder,
  ROOM,
  type Recording,
} from './history-source.js';

const BEGIN = 1_700_000_000_000;

/**
 * Ten seconds of a class: two members, elements added, moved and erased, a second page, the
 * global state set, cursors moving.
 */
function lesson(): Recording {
  const r = new RecordingBuilder(BEGIN);
  r.at(0).joined(1).change(addOp('a'));
  r.at(500).cursor(1, 10, 10);
  r.at(1000).change(addOp('b', { x: 200 }));
  r.at(1500).change({ type: 'updateElement', id: 'a', patch: { x: 50 } });
  r.at(2000)
    .joined(2)
    .change({ type: 'setGlobalState', patch: { slide: 2 } });
  r.at(2500).cursor(2, 30, 40).change(addOp('c'));
  r.at(3000).change({ type: 'putScenes', dir: '/', scenes: [{ name: 'p2' }] });
  r.at(3000).change({ type: 'setScenePath', path: '/p2' });
  r.at(4000).change(addOp('d'));
  r.at(4000).change({ type: 'addElement', scenePath: '/p2', element: addElement('e') });
  r.at(5000)
    .cursor(1, 15, 20, '/p2')
    .change({ type: 'removeElements', ids: ['b'] });
  r.at(6500).change({ type: 'setScenePath', path: '/init' });
  r.at(7000)
    .left(1)
    .change({ type: 'setGlobalState', patch: { slide: 3 } });
  r.at(8000).change({ type: 'cleanScene', scenePath: '/p2' });
  r.at(9000).change(addOp('f', { y: 300 }));
  r.at(10_000).cursor(2, 0, 0);
  return r.build();
}

function addElement(id: string) {
  return (addOp(id) as Extract<BoardOp, { type: 'addElement' }>).element;
}

interface Harness {
  player: Player;
  source: HistorySource;
  clock: FakeClock;
  phases: PlayerPhase[];
  errors: Error[];
  logger: ReturnType<typeof recordingLogger>;
}

async function replay(
  recording: Recording,
  options: {
    params?: Partial<ReplayRoomParams>;
    callbacks?: PlayerCallbacks;
    prepare?: (source: HistorySource) => void;
  } = {},
): Promise<Harness> {
  const source = new HistorySource(recording);
  options.prepare?.(source);
  const clock = new FakeClock();
  const logger = recordingLogger();
  const phases: PlayerPhase[] = [];
  const errors: Error[] = [];
  const history = new HistoryClient(
    'http://whiteroom.test',
    ROOM,
    'NETLESSROOM_test',
    source.fetch,
    clock,
    logger,
  );
  const player = await openPlayer(
    { history, logger, timers: clock },
    { room: ROOM, roomToken: 'NETLESSROOM_test', ...options.params },
    {
      onPhaseChanged: (phase) => phases.push(phase),
      onStoppedWithError: (error) => errors.push(error),
      ...options.callbacks,
    },
  );
  await flush();
  return { player, source, clock, phases, errors, logger };
}

/** Moves the clock in ticks, letting each tick's requests be answered. */
async function run(h: Harness, ms: number): Promise<void> {
  for (let left = ms; left > 0; left -= TICK_MS) {
    h.clock.advance(Math.min(TICK_MS, left));
    await flush();
  }
}

/** What a player shows, in the shape `expectedAt` computes. */
function shown(player: Player) {
  const { scenes, scenePath, globalState } = player.getSnapshot();
  return {
    scenes,
    scenePath,
    globalState,
    elements: player.getElements(),
    members: player.state.roomMembers,
    cursors: player.cursors,
  };
}

function expectShows(h: Harness, progress: number): void {
  expect(h.player.progressTime).toBe(progress);
  const moment = h.player.beginTimestamp + progress;
  expect(shown(h.player)).toEqual(expectedAt(h.source.recording, moment));
}

describe('a replay player', () => {
  it('loads the board at the start and waits, paused', async () => {
    const h = await replay(lesson());

    expect(h.phases).toEqual(['pause']);
    expect(h.player.beginTimestamp).toBe(BEGIN);
    expect(h.player.timeDuration).toBe(10_000);
    expectShows(h, 0);
    expect(h.player.getElements().map((element) => element.id)).toEqual(['a']);
    expect(h.player.state.roomMembers.map((member) => member.uid)).toEqual(['user-1']);
  });

  it('plays changes in time order as its clock runs', async () => {
    const h = await replay(lesson());
    const revisions: number[] = [];
    h.player.on('boardChanged', (revision) => revisions.push(revision));

    h.player.play();
    expect(h.player.phase).toBe('playing');
    for (const moment of [990, 2013, 3003, 4983, 7986]) {
      await run(h, moment - h.player.progressTime);
      expectShows(h, moment);
    }
    expect(revisions).toEqual([...revisions].sort((a, b) => a - b));
    expect(h.player.getElements().map((element) => element.id)).toEqual(['a', 'c', 'd']);
    expect(h.player.state.globalState).toEqual({ slide: 3 });
    expect(h.player.state.sceneState.scenePath).toBe('/init');
  });

  it('shows buffering while changes are late, and plays on when they arrive', async () => {
    const r = new RecordingBuilder(BEGIN);
    for (let i = 0; i <= 100; i++) r.at(i * 1000).change(addOp(`e${i}`));
    const h = await replay(r.build(), { prepare: (source) => source.hold('changes') });

    h.player.play();
    await run(h, 5000);
    expect(h.player.phase).toBe('buffering');
    expect(h.player.progressTime).toBeLessThan(TICK_MS * 2);
    expect(h.player.getElements()).toHaveLength(1);

    h.source.release('changes');
    await flush();
    expect(h.player.phase).toBe('playing');
    await run(h, 3000);
    expect(h.player.progressTime).toBeGreaterThan(2900);
    expectShows(h, h.player.progressTime);
  });

  it('stops its clock on pause and goes on from there on play', async () => {
    const h = await replay(lesson());
    h.player.play();
    await run(h, 1000);
    h.clock.advance(10);
    h.player.pause();
    const paused = h.player.progressTime;
    expect(paused).toBe(1010);
    expect(h.player.phase).toBe('pause');

    await run(h, 3000);
    expect(h.player.progressTime).toBe(paused);
    h.player.play();
    await run(h, 1000);
    h.player.pause();
    expect(h.player.progressTime).toBe(2010);
    expectShows(h, 2010);
  });

  it('plays at the speed asked for, from 0.5 to 4', async () => {
    const h = await replay(lesson());
    h.player.playbackSpeed = 2;
    h.player.play();
    await run(h, 1000);
    h.player.pause();
    expect(h.player.progressTime).toBe(2000);

    h.player.play();
    await run(h, 500);
    h.player.playbackSpeed = 0.5;
    await run(h, 1000);
    h.player.pause();
    expect(h.player.progressTime).toBe(3500);
    expectShows(h, 3500);

    for (const speed of [0.25, 4.5, Number.NaN]) {
      expect(() => (h.player.playbackSpeed = speed)).toThrow(RangeError);
    }
    expect(h.player.playbackSpeed).toBe(0.5);
  });

  it('lands on the same states whichever way it seeks', async () => {
    const h = await replay(lesson());
    const moments = [9000, 500, 2500, 2499, 7000, 3000, 0, 10_000, 4000, 1, 6000, 2000, 8500];

    for (const moment of moments) {
      await expect(h.player.seekToProgressTime(moment)).resolves.toBe(true);
      expectShows(h, moment);
    }
    expect(h.errors).toEqual([]);
  });

  it('seeks to moments between whole milliseconds, backwards too, as a timeline or media clock gives them', async () => {
    const h = await replay(lesson());
    for (const moment of [7000.6, 2500.4, 999.9, 4000.5]) {
      await expect(h.player.seekToProgressTime(moment)).resolves.toBe(true);
      expectShows(h, moment);
    }
    expect(h.errors).toEqual([]);
    expect(h.player.phase).toBe('pause');
  });

  it('applies the buffered changes of a near seek forward without loading the board', async () => {
    const h = await replay(lesson());
    await flush();
    const loads = h.source.of('state').length;

    await h.player.seekToProgressTime(4500);
    expectShows(h, 4500);
    expect(h.source.of('state')).toHaveLength(loads);

    await h.player.seekToProgressTime(1000);
    expectShows(h, 1000);
    expect(h.source.of('state')).toHaveLength(loads + 1);
  });

  it('loads the board for a seek far ahead of what has arrived', async () => {
    const r = new RecordingBuilder(BEGIN);
    for (let i = 0; i <= 3000; i++) r.at(i * 100).change(addOp(`e${i}`));
    const h = await replay(r.build());

    await h.player.seekToProgressTime(200_000);
    expect(h.source.of('state').map((request) => Number(request.query.at))).toEqual([
      BEGIN,
      BEGIN + 200_000,
    ]);
    expect(h.player.getElements()).toHaveLength(2001);
  });

  it('fetches a long recording in chunks, a little ahead of the clock', async () => {
    const r = new RecordingBuilder(BEGIN);
    for (let i = 0; i < 7200; i++) r.at(i * 1000).change(addOp(`e${i}`));
    const h = await replay(r.build());
    h.player.playbackSpeed = 4;
    h.player.play();
    await run(h, 30_000);

    const asked = h.source.of('changes');
    expect(asked.length).toBeGreaterThan(1);
    expect(asked.length).toBeLessThan(20);
    for (const { query } of asked) {
      expect(Number(query.until)).toBeLessThanOrEqual(BEGIN + h.player.progressTime + 30_000);
    }
    expect(h.player.phase).toBe('playing');
    expectShows(h, h.player.progressTime);
  });

  it('follows changes that fill more than one answer in the same millisecond', async () => {
    const r = new RecordingBuilder(BEGIN);
    r.at(0).change(addOp('first'));
    for (let i = 0; i < 4500; i++) r.at(1000).change(addOp(`same${i}`));
    r.at(2000).change(addOp('last'));
    const h = await replay(r.build());

    h.player.play();
    await run(h, 2100);
    expect(h.player.getElements()).toHaveLength(4502);
    expectShows(h, h.player.progressTime);
  });

  it('ends at the end of the recording, and plays again from the beginning', async () => {
    const h = await replay(lesson());
    const progress: number[] = [];
    h.player.on('progressTimeChanged', (ms) => progress.push(ms));
    h.player.play();
    await run(h, 12_000);

    expect(h.player.phase).toBe('ended');
    expect(h.player.progressTime).toBe(10_000);
    expect(progress.at(-1)).toBe(10_000);
    expect(h.clock.pending).toBe(0);
    expectShows(h, 10_000);

    h.player.play();
    await flush();
    expect(h.player.progressTime).toBe(0);
    expect(h.player.phase).toBe('playing');
    expectShows(h, 0);
  });

  it('plays only the part asked for', async () => {
    const h = await replay(lesson(), { params: { beginTimestamp: BEGIN + 2000, duration: 3000 } });
    expectShows(h, 0);
    expect(h.player.getElements().map((element) => element.id)).toEqual(['a', 'b']);

    h.player.play();
    await run(h, 4000);
    expect(h.player.phase).toBe('ended');
    expect(h.player.progressTime).toBe(3000);
    expect(shown(h.player)).toEqual(expectedAt(h.source.recording, BEGIN + 5000));
    for (const { query } of h.source.of('changes')) {
      expect(Number(query.until)).toBeLessThanOrEqual(BEGIN + 5000);
    }
  });

  it('plays a duration of a fraction of a millisecond, as a media element gives one', async () => {
    const h = await replay(lesson(), { params: { duration: 6000.25 } });
    h.player.play();
    await run(h, 7000);
    expect(h.errors).toEqual([]);
    expect(h.player.phase).toBe('ended');
    expect(shown(h.player)).toEqual(expectedAt(h.source.recording, BEGIN + 6000));
  });

  it('cuts a duration past the end of the recording at its end, and refuses a negative one', async () => {
    const h = await replay(lesson(), { params: { beginTimestamp: BEGIN + 2000, duration: 1e12 } });
    expect(h.player.timeDuration).toBe(8000);
    await expect(replay(lesson(), { params: { duration: -1 } })).rejects.toBeInstanceOf(RangeError);
  });

  it('leaves ended paused at the moment a seek asks for', async () => {
    const h = await replay(lesson());
    h.player.play();
    await run(h, 11_000);
    expect(h.player.phase).toBe('ended');

    await h.player.seekToProgressTime(3000);
    expect(h.player.phase).toBe('pause');
    expectShows(h, 3000);
  });

  it('stops for good on stop: nothing more is asked, and seeks do not land', async () => {
    const h = await replay(lesson());
    h.player.play();
    await run(h, 500);
    h.player.stop();
    const asked = h.source.requests.length;

    expect(h.player.phase).toBe('stop');
    await expect(h.player.seekToProgressTime(5000)).resolves.toBe(false);
    h.player.play();
    await run(h, 2000);
    expect(h.player.phase).toBe('stop');
    expect(h.source.requests).toHaveLength(asked);
    expect(h.clock.pending).toBe(0);
    expect(h.errors).toEqual([]);
  });

  it('lets the last of several seeks win, whichever answer comes first', async () => {
    const h = await replay(lesson());
    await h.player.seekToProgressTime(9000);
    h.source.hold('state');

    const first = h.player.seekToProgressTime(2000);
    const second = h.player.seekToProgressTime(500);
    const last = h.player.seekToProgressTime(8000);
    h.source.release('state', { reverse: true });
    await flush();

    expect(await first).toBe(false);
    expect(await second).toBe(false);
    expect(await last).toBe(true);
    expectShows(h, 8000);
  });

  it('shows buffering while a seek loads, when playing', async () => {
    const h = await replay(lesson());
    h.player.play();
    await run(h, 100);
    h.source.hold('state');
    const seek = h.player.seekToProgressTime(0);
    await run(h, 500);
    expect(h.player.phase).toBe('buffering');
    expect(h.player.progressTime).toBe(99);

    h.source.release('state');
    expect(await seek).toBe(true);
    expect(h.player.phase).toBe('playing');
  });

  it('follows a clock source instead of its own clock', async () => {
    const h = await replay(lesson());
    let media = 0;
    h.player.setClockSource(() => media);
    h.player.play();

    media = 2500;
    await run(h, TICK_MS);
    expectShows(h, 2500);
    media = 1200;
    await run(h, TICK_MS);
    await flush();
    await run(h, TICK_MS);
    expectShows(h, 1200);
    media = 9500;
    await run(h, TICK_MS * 2);
    expectShows(h, 9500);

    h.player.setClockSource(undefined);
    await run(h, 200);
    h.player.pause();
    expect(h.player.progressTime).toBeGreaterThanOrEqual(9500 + 200 - TICK_MS);
  });

  it('loads a page as the replay turns to it, at the change that turned to it', async () => {
    const h = await replay(lesson());
    await h.player.seekToProgressTime(9000);
    await h.player.seekToProgressTime(5000);
    expect(h.player.getElements('/init')).toEqual([]);
    expect(h.source.of('state').at(-1)?.query.page).toBeUndefined();

    h.player.play();
    await run(h, 2000);
    expect(h.source.of('state').at(-1)?.query).toEqual({ seq: '11', page: '/init' });
    expectShows(h, h.player.progressTime);
    expect(h.player.getElements().map((element) => element.id)).toEqual(['a', 'c', 'd']);
  });

  it('waits, buffering, for a page it turns to, then plays on', async () => {
    const h = await replay(lesson());
    await h.player.seekToProgressTime(9000);
    await h.player.seekToProgressTime(6000);
    h.source.hold('state');
    h.player.play();
    await run(h, 1000);

    expect(h.player.phase).toBe('buffering');
    expect(h.player.progressTime).toBe(6499);
    expect(h.player.state.sceneState.scenePath).toBe('/init');
    h.source.release('state');
    await flush();
    await run(h, TICK_MS);
    expect(h.player.phase).toBe('playing');
    expectShows(h, h.player.progressTime);
  });

  it('lands a seek across a page turn once the page arrives', async () => {
    const h = await replay(lesson());
    await h.player.seekToProgressTime(9000);
    await h.player.seekToProgressTime(5000);
    h.source.hold('state');
    let landed: boolean | undefined;
    void h.player.seekToProgressTime(9500).then((value) => (landed = value));
    await flush();
    expect(landed).toBeUndefined();

    h.source.release('state');
    await flush();
    expect(landed).toBe(true);
    expectShows(h, 9500);
  });

  it('reports the members and cursors recorded at the moment', async () => {
    const h = await replay(lesson());
    const cursorEvents: number[][] = [];
    h.player.on('cursors', (cursors) => cursorEvents.push(cursors.map((c) => c.memberId)));

    await h.player.seekToProgressTime(5500);
    expect(h.player.state.roomMembers.map((member) => member.memberId)).toEqual([1, 2]);
    expect(h.player.cursors).toEqual([
      { memberId: 1, cursor: { x: 15, y: 20 }, scenePath: '/p2' },
      { memberId: 2, cursor: { x: 30, y: 40 }, scenePath: '/init' },
    ]);
    await h.player.seekToProgressTime(7500);
    expect(h.player.state.roomMembers.map((member) => member.memberId)).toEqual([2]);
    expect(cursorEvents.at(-1)).toEqual([2]);
  });

  it('reads member events in windows when the server answers a shorter range', async () => {
    const h = await replay({ ...lesson(), maxPresenceSpan: 1500 });
    h.player.play();
    await run(h, 9000);
    expect(h.source.of('presence').length).toBeGreaterThan(3);
    expectShows(h, h.player.progressTime);
  });

  it('reports only the state that changed', async () => {
    const modified: string[][] = [];
    const h = await replay(lesson(), {
      callbacks: { onPlayerStateChanged: (state) => modified.push(Object.keys(state).sort()) },
    });
    modified.length = 0;
    await h.player.seekToProgressTime(2000);
    await h.player.seekToProgressTime(3000);
    expect(modified).toEqual([['globalState', 'roomMembers'], ['sceneState']]);
  });
});

describe('a replay player given answers that are not valid', () => {
  async function spoiled(
    endpoint: 'state' | 'changes' | 'presence',
    tamper: (body: never) => unknown,
  ): Promise<Harness> {
    const source = new HistorySource(lesson());
    const clock = new FakeClock();
    const logger = recordingLogger();
    const errors: Error[] = [];
    source.tamper.set(endpoint, tamper as (body: unknown) => unknown);
    const history = new HistoryClient(
      'http://whiteroom.test',
      ROOM,
      'NETLESSROOM_test',
      source.fetch,
      clock,
      logger,
    );
    const player = await openPlayer(
      { history, logger, timers: clock },
      { room: ROOM, roomToken: 'NETLESSROOM_test' },
      { onStoppedWithError: (error) => errors.push(error) },
    );
    await flush();
    const h = { player, source, clock, phases: [], errors, logger };
    player.play();
    await run(h, 2000);
    return h;
  }

  const cases: [string, 'state' | 'changes' | 'presence', (body: never) => unknown][] = [
    ['a board that is not a board', 'state', (body: object) => ({ ...body, board: { pages: 1 } })],
    ['a change that is not a change', 'changes', () => ({ changes: [{ seq: 2 }], more: false })],
    [
      'changes out of order',
      'changes',
      (body: { changes: unknown[] }) => ({ ...body, changes: [...body.changes].reverse() }),
    ],
    ['more to come with nothing', 'changes', () => ({ changes: [], more: true })],
    ['no JSON object at all', 'changes', () => 'hello'],
    [
      'member events out of the range',
      'presence',
      (body: object) => ({
        ...body,
        events: [{ type: 'left', time: 0, memberId: 1 }],
      }),
    ],
  ];

  for (const [what, endpoint, tamper] of cases) {
    it(`stops with an error for ${what}`, async () => {
      const h = await spoiled(endpoint, tamper);
      expect(h.player.phase).toBe('stop');
      expect(h.errors).toHaveLength(1);
      expect(h.errors[0]).toBeInstanceOf(ReplayError);
      expect((h.errors[0] as ReplayError).reason).toBe('invalidAnswer');
      expect(h.clock.pending).toBe(0);
    });
  }
});

describe('replayRoom and isPlayable', () => {
  function sdk(source: HistorySource, logger?: Logger) {
    return new WhiteWebSdk({
      serverUrl: 'http://whiteroom.test',
      WebSocket: fakeNetwork().WebSocket,
      fetch: source.fetch,
      ...(logger && { logger }),
    });
  }
  const room = { room: ROOM, roomToken: 'NETLESSROOM_test' };

  it('is playable when the recording has board changes', async () => {
    await expect(sdk(new HistorySource(lesson())).isPlayable(room)).resolves.toBe(true);
  });

  it('is not playable for a persistent room or a recording without changes', async () => {
    const persistent = new HistorySource({ ...lesson(), persistent: true });
    await expect(sdk(persistent).isPlayable(room)).resolves.toBe(false);
    const empty = new HistorySource({ changes: [], presence: lesson().presence });
    await expect(sdk(empty).isPlayable(room)).resolves.toBe(false);
  });

  it("rejects with the server's error code and no token in the message", async () => {
    const source = new HistorySource(lesson());
    const refused = sdk(source).replayRoom({ ...room, roomToken: 'NETLESSROOM_other' });
    await expect(refused).rejects.toMatchObject({
      name: 'ReplayError',
      reason: 'refused',
      code: 205,
      status: 403,
    });
    const error = await refused.catch((e: unknown) => e);
    expect(String((error as Error).message)).not.toContain('NETLESSROOM');
    await expect(
      sdk(new HistorySource({ ...lesson(), persistent: true })).replayRoom(room),
    ).rejects.toMatchObject({ code: 117 });
  });

  it('refuses a beginTimestamp outside the recording', async () => {
    const source = new HistorySource(lesson());
    await expect(
      sdk(source).replayRoom({ ...room, beginTimestamp: BEGIN - 1 }),
    ).rejects.toBeInstanceOf(RangeError);
    await expect(
      sdk(source).replayRoom({ ...room, beginTimestamp: BEGIN + 10_001 }),
    ).rejects.toBeInstanceOf(RangeError);
  });

  it('replays through the global clock once the board at the start is loaded', async () => {
    const source = new HistorySource(lesson());
    const player = await sdk(source).replayRoom(room);
    await new Promise<void>((resolve) => player.on('phaseChanged', () => resolve()));
    expect(player.phase).toBe('pause');
    expect(player.getElements().map((element) => element.id)).toEqual(['a']);
    player.stop();
  });

  it('tries again when the server cannot be reached for a moment', async () => {
    const source = new HistorySource(lesson());
    let failures = 1;
    const flaky: typeof source.fetch = (url, init) =>
      failures-- > 0 ? Promise.reject(new TypeError('fetch failed')) : source.fetch(url, init);
    const logger = recordingLogger();
    const playable = new WhiteWebSdk({
      serverUrl: 'http://whiteroom.test',
      WebSocket: fakeNetwork().WebSocket,
      fetch: flaky,
      logger,
    });
    await expect(playable.isPlayable(room)).resolves.toBe(true);
    expect(logger.warnings).toHaveLength(1);
  });
});
