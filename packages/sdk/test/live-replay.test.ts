import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Element } from '@whiteroom/protocol';
import { WhiteWebSdk, type Player, type PlayerPhase, type Room } from '../src/index.js';
import { LiveRoom, until } from './live-server.js';

const rectangle = (x: number, y: number) => ({
  type: 'rectangle' as const,
  x,
  y,
  width: 40,
  height: 30,
  strokeColor: [0, 0, 0] as [number, number, number],
  strokeWidth: 2,
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What the live room held at a moment, to compare the replay with. */
interface Moment {
  time: number;
  scenePath: string;
  elements: Element[];
  globalState: Record<string, unknown>;
  uids: string[];
}

describe('replaying a historied room of a real server', () => {
  let live: LiveRoom;
  let sdk: WhiteWebSdk;
  beforeEach(async () => {
    live = new LiveRoom();
    await live.start();
    sdk = new WhiteWebSdk({ serverUrl: live.url, WebSocket });
  });
  afterEach(() => live.close());

  async function post(path: string, body: unknown, method = 'POST'): Promise<unknown> {
    const response = await fetch(`${live.url}${path}`, {
      method,
      headers: { token: live.sdkToken, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${path} answered ${response.status}`);
    return response.json();
  }

  /** Makes a historied room the one `live.join` joins. */
  async function recordedRoom(): Promise<string> {
    const { uuid } = (await post('/v5/rooms', { name: 'recorded', isRecord: true })) as {
      uuid: string;
    };
    live.uuid = uuid;
    return uuid;
  }

  /** Waits for the server to have every change, then notes the moment between two steps. */
  async function note(room: Room, moments: Moment[]): Promise<void> {
    const others = live.rooms.filter((other) => other.phase === 'connected');
    await until('every change is acknowledged and everyone has the same board', () =>
      others.every(
        (other) =>
          other.pendingChangeCount === 0 &&
          JSON.stringify(other.getSnapshot()) === JSON.stringify(room.getSnapshot()),
      ),
    );
    await pause(15);
    moments.push({
      time: Date.now(),
      scenePath: room.state.sceneState.scenePath,
      elements: room.getElements(),
      globalState: { ...room.state.globalState },
      uids: room.state.roomMembers.map((member) => member.uid).sort(),
    });
    await pause(15);
  }

  /** Two members drawing over a known timeline, across two pages. */
  async function drawLesson(): Promise<Moment[]> {
    const moments: Moment[] = [];
    const alice = await live.join('alice');
    await note(alice, moments);

    const box = alice.addElement(rectangle(10, 10));
    await note(alice, moments);
    const stroke = alice.addElement({
      type: 'pencil',
      x: 0,
      y: 0,
      strokeColor: [200, 0, 0],
      strokeWidth: 3,
      points: [0, 0, 0.5],
    });
    for (let i = 1; i <= 10; i++) alice.appendPoints(stroke, [i * 5, i * 3, 0.5]);
    await note(alice, moments);

    const bob = await live.join('bob');
    bob.updateElement(box, { x: 100, fillColor: [200, 220, 255] });
    bob.setGlobalState({ slide: 1 });
    await note(alice, moments);

    alice.putScenes('/', [{ name: 'second' }]);
    alice.setScenePath('/second');
    await note(alice, moments);
    bob.addElement(rectangle(300, 300), '/second');
    bob.insertText(50, 50, 'page two');
    await note(alice, moments);

    alice.setScenePath('/init');
    await note(alice, moments);
    alice.removeElements([box]);
    bob.setGlobalState({ slide: 2 });
    await note(alice, moments);
    await bob.disconnect();
    alice.cleanCurrentScene();
    await note(alice, moments);
    return moments;
  }

  async function loaded(player: Player): Promise<void> {
    await until('the board at the start is loaded', () => player.phase !== 'waitingFirstFrame');
  }

  function expectMoment(player: Player, moment: Moment): void {
    const at = `at ${moment.time - player.beginTimestamp} ms`;
    expect(player.state.sceneState.scenePath, at).toBe(moment.scenePath);
    expect(player.getElements(), at).toEqual(moment.elements);
    expect(player.state.globalState, at).toEqual(moment.globalState);
    expect(player.state.roomMembers.map((member) => member.uid).sort(), at).toEqual(moment.uids);
  }

  it('shows at each moment what the live room held then, whichever way it seeks', async () => {
    const uuid = await recordedRoom();
    const moments = await drawLesson();
    await Promise.all(live.rooms.map((room) => room.disconnect()));

    const player = await sdk.replayRoom({ room: uuid, roomToken: live.sdkToken });
    await loaded(player);
    expect(player.phase).toBe('pause');

    for (const moment of moments) {
      await expect(player.seekToProgressTime(moment.time - player.beginTimestamp)).resolves.toBe(
        true,
      );
      expectMoment(player, moment);
    }
    for (const moment of [...moments].reverse()) {
      await player.seekToProgressTime(moment.time - player.beginTimestamp);
      expectMoment(player, moment);
    }
    for (const index of [3, 7, 1, 5, 0, 8, 4]) {
      const moment = moments[index] as Moment;
      await player.seekToProgressTime(moment.time - player.beginTimestamp);
      expectMoment(player, moment);
    }
    player.stop();
  });

  it('plays to the end and shows the last board', async () => {
    const uuid = await recordedRoom();
    const moments = await drawLesson();
    await Promise.all(live.rooms.map((room) => room.disconnect()));

    const phases: PlayerPhase[] = [];
    const player = await sdk.replayRoom(
      { room: uuid, roomToken: live.sdkToken },
      { onPhaseChanged: (phase) => phases.push(phase) },
    );
    await loaded(player);
    player.playbackSpeed = 4;
    player.play();
    await until('the replay ends', () => player.phase === 'ended');

    expect(phases).toContain('playing');
    expect(player.progressTime).toBe(player.timeDuration);
    const last = moments.at(-1) as Moment;
    expect(player.getElements()).toEqual(last.elements);
    expect(player.state.globalState).toEqual(last.globalState);
    expect(player.state.roomMembers).toEqual([]);
  });

  it('is playable for a banned historied room with changes, not for a persistent room', async () => {
    const persistent = live.uuid;
    const uuid = await recordedRoom();
    const alice = await live.join('alice');
    alice.addElement(rectangle(0, 0));
    await live.settle();
    await alice.disconnect();
    await post(`/v5/rooms/${uuid}`, { isBan: true }, 'PATCH');

    const token = live.sdkToken;
    await expect(sdk.isPlayable({ room: persistent, roomToken: token })).resolves.toBe(false);
    await expect(sdk.isPlayable({ room: uuid, roomToken: token })).resolves.toBe(true);
    await expect(sdk.replayRoom({ room: persistent, roomToken: token })).rejects.toMatchObject({
      name: 'ReplayError',
      code: 117,
    });

    const player = await sdk.replayRoom({ room: uuid, roomToken: token });
    await loaded(player);
    await player.seekToProgressTime(player.timeDuration);
    expect(player.getElements()).toHaveLength(1);
  });
});
