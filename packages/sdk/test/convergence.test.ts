import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RoomError, WhiteWebSdk, type Room } from '../src/index.js';
import { ContractServer } from './contract-server.js';
import { UUID, fakeNetwork, pencil, rect, recordingLogger, type FakeNetwork } from './helpers.js';
// The seeded generator of the board's randomized tests, so that every fuzz test reads alike.
import { mulberry32 } from '../../board/test/helpers.js';

interface Client {
  room: Room;
  network: FakeNetwork;
  /** Sockets of this client already attached to the server. */
  attached: number;
}

const SEEDS = process.env.SEED
  ? [Number(process.env.SEED)]
  : Array.from({ length: 24 }, (_, i) => i + 1);
const CLIENTS = 3;
const STEPS = 500;

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('convergence', () => {
  it.each(SEEDS)(
    'ends with every client showing the server board, whatever the timing (seed %i)',
    async (seed) => {
      const random = mulberry32(seed);
      const chance = (p: number) => () => random() < p;
      const pick = <T>(items: readonly T[]): T | undefined =>
        items[Math.floor(random() * items.length)];
      const server = new ContractServer({
        rejectChance: chance(0.03),
        snapshotChance: chance(0.2),
      });
      const logger = recordingLogger();
      let nextId = 0;

      const clients: Client[] = [];
      for (let i = 0; i < CLIENTS; i++) {
        const network = fakeNetwork();
        const sdk = new WhiteWebSdk({
          serverUrl: 'http://rooms.test',
          WebSocket: network.WebSocket,
          logger,
        });
        const joining = sdk.joinRoom({ uuid: UUID, roomToken: 't', uid: `user${i}` });
        network.last.open();
        server.attach(network.last);
        drain(server);
        clients.push({ room: await joining, network, attached: 1 });
      }

      /** Opens the sockets the clients made since the last look, as a reachable server would. */
      function attachNewSockets(): void {
        for (const client of clients) {
          for (const socket of client.network.sockets.slice(client.attached)) {
            if (socket.readyState === 0) {
              socket.open();
              server.attach(socket);
            }
          }
          client.attached = client.network.sockets.length;
        }
      }

      /** One change by a client, of a random kind; refusals by its own board are fine. */
      function act(room: Room): void {
        const elements = room.getElements();
        const element = pick(elements);
        const pages = room.state.sceneState.scenes.map((scene) => `/${scene.name}`);
        const roll = random();
        try {
          if (roll < 0.25 || !element) {
            const id = `e${nextId++}`;
            room.addElement(random() < 0.5 ? rect(id) : pencil(id));
          } else if (roll < 0.4) {
            room.updateElement(element.id, {
              x: Math.round(random() * 500),
              opacity: random() < 0.2 ? null : 0.5,
            });
          } else if (roll < 0.5) {
            room.appendPoints(element.id, [random() * 10, random() * 10, 0.5]);
          } else if (roll < 0.6) {
            room.removeElements([element.id]);
          } else if (roll < 0.68) {
            room.reorderElement(element.id, Math.floor(random() * elements.length));
          } else if (roll < 0.76) {
            room.setGlobalState({
              [pick(['a', 'b', 'c']) as string]: random() < 0.3 ? null : nextId++,
            });
          } else if (roll < 0.82) {
            room.putScenes('/', [{ name: `p${nextId++}` }], Math.floor(random() * 3));
          } else if (roll < 0.9) {
            room.setScenePath(pick(pages) ?? '/init');
          } else if (roll < 0.93) {
            room.removeScenes(pick(pages) ?? '/init');
          } else if (roll < 0.96) {
            room.cleanCurrentScene();
          } else {
            room.undo();
          }
        } catch (error) {
          if (!(error instanceof RoomError)) throw error;
        }
      }

      for (let step = 0; step < STEPS; step++) {
        attachNewSockets();
        const { toServer, toClient } = server.busyLinks();
        const roll = random();
        if (roll < 0.3) {
          act((pick(clients) as Client).room);
        } else if (roll < 0.6 && toServer.length > 0) {
          server.receiveOne(pick(toServer) as (typeof toServer)[number]);
        } else if (roll < 0.95 && toClient.length > 0) {
          server.deliverOne(pick(toClient) as (typeof toClient)[number]);
        } else if (roll < 0.97) {
          const link = pick(server.openLinks());
          if (link) server.cut(link, Math.floor(random() * 3));
        } else {
          vi.advanceTimersByTime(Math.floor(random() * 2_000));
        }
      }

      // Let everything through: reconnect whoever is away and deliver every message.
      for (let round = 0; round < 20; round++) {
        attachNewSockets();
        drain(server);
        if (
          clients.every(({ room }) => room.phase === 'connected' && room.pendingChangeCount === 0)
        ) {
          break;
        }
        vi.advanceTimersByTime(11_000);
      }

      const expected = server.board.toSnapshot();
      for (const [index, { room }] of clients.entries()) {
        expect(room.phase, `client ${index} (seed ${seed})`).toBe('connected');
        expect(room.pendingChangeCount, `client ${index} (seed ${seed})`).toBe(0);
        expect(room.getSnapshot(), `client ${index} (seed ${seed})`).toEqual(expected);
      }
      expect(logger.errors, `seed ${seed}`).toEqual([]);
    },
  );
});

/** Delivers every message in both directions until nothing moves. */
function drain(server: ContractServer): void {
  for (;;) {
    const { toServer, toClient } = server.busyLinks();
    if (toServer.length === 0 && toClient.length === 0) return;
    for (const link of toServer) server.receiveOne(link);
    for (const link of toClient) server.deliverOne(link);
  }
}
