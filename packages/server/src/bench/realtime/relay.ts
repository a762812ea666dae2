/**
 * A bare WebSocket relay speaking just enough of the room protocol for the load generator: it
 * answers `connect` with a short `welcome` and sends every `change` to everyone in the room,
 * numbered and wrapped as the real server wraps it. It checks nothing, stores nothing and keeps no
 * board, which makes it the floor that the room server's cost is compared with.
 *
 * Run as a child process by the benchmark: `node relay.js`. It listens on a free port of
 * 127.0.0.1 and says which on standard error.
 */
import { WebSocketServer, type RawData, type WebSocket } from 'ws';

interface Room {
  members: Set<WebSocket>;
  seq: number;
  nextMemberId: number;
}

interface Member {
  room: Room;
  uid: unknown;
  clientId: unknown;
}

const rooms = new Map<string, Room>();
const server = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

server.on('listening', () => {
  const address = server.address();
  const port = typeof address === 'string' ? address : address?.port;
  process.stderr.write(`Relay is running at http://127.0.0.1:${port}\n`);
});

server.on('connection', (socket) => {
  let member: Member | undefined;

  socket.on('message', (data: RawData) => {
    let message: unknown;
    try {
      message = JSON.parse(data.toString());
    } catch {
      return;
    }
    if (!isRecord(message)) return;

    if (member === undefined) {
      if (message.type !== 'connect' || typeof message.roomUuid !== 'string') return;
      member = join(socket, message.roomUuid, message.uid, message.clientId);
      return;
    }
    if (message.type !== 'change') return;
    const room = member.room;
    room.seq += 1;
    const change = {
      seq: room.seq,
      time: Date.now(),
      uid: member.uid,
      op: message.op,
      clientId: member.clientId,
      clientSeq: message.clientSeq,
    };
    const text = JSON.stringify({ type: 'change', change });
    for (const other of room.members) other.send(text);
  });

  socket.on('close', () => member?.room.members.delete(socket));
  socket.on('error', () => undefined);
});

function join(socket: WebSocket, roomUuid: string, uid: unknown, clientId: unknown): Member {
  let room = rooms.get(roomUuid);
  if (!room) {
    room = { members: new Set(), seq: 0, nextMemberId: 1 };
    rooms.set(roomUuid, room);
  }
  room.members.add(socket);
  const memberId = room.nextMemberId++;
  socket.send(JSON.stringify({ type: 'welcome', protocolVersion: 1, memberId }));
  return { room, uid, clientId };
}

const stop = () => {
  for (const socket of server.clients) socket.terminate();
  server.close(() => process.exit(0));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
