import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Room } from '../src/index.js';
import { LiveRoom, until } from './live-server.js';
// The seeded generator of the board's randomized tests, so that every fuzz test reads alike.
import { mulberry32 } from '../../board/test/helpers.js';

const rectangle = (x: number, y: number) => ({
  type: 'rectangle' as const,
  x,
  y,
  width: 40,
  height: 30,
  strokeColor: [0, 0, 0] as [number, number, number],
  strokeWidth: 2,
});

describe('SDK clients on a real server', () => {
  let live: LiveRoom;
  beforeEach(async () => {
    live = new LiveRoom();
    await live.start();
  });
  afterEach(() => live.close());

  it('converge when twenty clients draw and edit at once', async () => {
    const rooms: Room[] = [];
    for (let i = 0; i < 20; i++) rooms.push(await live.join(`member-${i}`));
    const shared = rooms[0]?.addElement(rectangle(0, 0)) as string;
    await until('everyone has the shared element', () => rooms.every((r) => r.getElement(shared)));

    for (let round = 0; round < 5; round++) {
      rooms.forEach((room, i) => {
        room.addElement(rectangle(i * 50, round * 40));
        room.updateElement(shared, { x: i + round * 100, width: 10 + i });
      });
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await live.settle();

    const boards = rooms.map((room) => room.getSnapshot());
    for (const board of boards) expect(board).toEqual(boards[0]);
    expect(rooms[0]?.getElements()).toHaveLength(1 + 20 * 5);

    const fresh = await live.join('latecomer');
    expect(fresh.getSnapshot()).toEqual(boards[0]);
  });

  it('lose nothing acknowledged when the server restarts, and go on drawing after', async () => {
    const phases: string[] = [];
    const alice = await live.join('alice', { onPhaseChanged: (phase) => phases.push(phase) });
    const bob = await live.join('bob');
    for (let i = 0; i < 10; i++) alice.addElement(rectangle(i * 10, 0));
    await live.settle();
    const before = alice.getSnapshot();

    await live.restart();
    await until('both are back', () => alice.phase === 'connected' && bob.phase === 'connected');
    expect(phases).toContain('reconnecting');
    expect(alice.getSnapshot()).toEqual(before);
    expect(bob.getSnapshot()).toEqual(before);

    bob.addElement(rectangle(500, 500));
    await live.settle();
    expect(alice.getElements()).toHaveLength(11);
  });

  it('land every change exactly once when the network drops in the middle of a stroke', async () => {
    const alice = await live.join('alice');
    const bob = await live.join('bob');
    const stroke = alice.addElement({
      type: 'pencil',
      x: 0,
      y: 0,
      points: [0, 0, 0.5],
      strokeColor: [0, 0, 0],
      strokeWidth: 3,
    });
    for (let i = 1; i <= 50; i++) {
      alice.appendPoints(stroke, [i, i * 2, 0.5]);
      if (i === 25) live.cut('alice');
    }
    await live.settle();

    const points = (bob.getElement(stroke) as { points: number[] }).points;
    expect(points).toHaveLength(51 * 3);
    expect(points.slice(0, 9)).toEqual([0, 0, 0.5, 1, 2, 0.5, 2, 4, 0.5]);
    expect(bob.getSnapshot()).toEqual(alice.getSnapshot());
  });

  for (const seed of [7, 1_234, 99_991]) {
    it(`converge under random changes, delays, drops and reconnects (seed ${seed})`, async () => {
      const next = mulberry32(seed);
      const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
      const uids = ['ann', 'ben', 'cat', 'dan'];
      const rooms = new Map<string, Room>();
      for (const uid of uids) rooms.set(uid, await live.join(uid));
      let cuts = 0;

      for (let step = 0; step < 250; step++) {
        const uid = pick(uids);
        const room = rooms.get(uid) as Room;
        const elements = room.getElements();
        const roll = next();
        try {
          if (roll < 0.3 || elements.length === 0) {
            room.addElement(rectangle(Math.floor(next() * 800), Math.floor(next() * 600)));
          } else if (roll < 0.5) {
            room.updateElement(pick(elements).id, { x: Math.floor(next() * 800) });
          } else if (roll < 0.6) {
            room.removeElements([pick(elements).id]);
          } else if (roll < 0.7) {
            room.undo();
          } else if (roll < 0.75) {
            room.redo();
          } else if (roll < 0.8) {
            room.setGlobalState({ [pick(['a', 'b', 'c'])]: step });
          } else if (roll < 0.85) {
            room.putScenes('/', [{ name: `page-${seed}-${step}` }]);
          } else if (roll < 0.9) {
            room.setScenePath(pick(room.state.sceneState.scenes.map((s) => `/${s.name}`)));
          } else if (roll < 0.95) {
            live.cut(uid);
            cuts += 1;
          } else {
            await new Promise((resolve) => setTimeout(resolve, Math.floor(next() * 30)));
          }
        } catch (error) {
          // A change the local board refuses (an element removed meanwhile) is never sent.
          expect((error as { code?: string }).code, `seed ${seed}, step ${step}`).toBeDefined();
        }
        if (step % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 1));
      }

      await live.settle(30_000);
      const boards = [...rooms.values()].map((room) => room.getSnapshot());
      for (const board of boards) expect(board, `seed ${seed}`).toEqual(boards[0]);
      const elements = Object.values(boards[0]?.pages ?? {}).flatMap((page) => page.order);
      expect(elements.length, `seed ${seed}: the run drew something`).toBeGreaterThan(10);
      expect(cuts, `seed ${seed}: the run dropped connections`).toBeGreaterThan(3);

      // The stored board, as a restarted server serves it, is the same board.
      await live.restart();
      const stored = await live.join('auditor');
      expect(stored.getSnapshot(), `seed ${seed}`).toEqual(boards[0]);
    }, 60_000);
  }
});
