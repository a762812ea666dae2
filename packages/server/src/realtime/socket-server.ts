import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import {
  CLOSE_CODES,
  ROOM_ERROR_CODES,
  type ClientMessage as ClientMessageType,
  type ConnectMessage,
} from '@whiteroom/protocol';
import type { Logger } from '../logging.js';
import type { Storage } from '../storage/storage.js';
import { admit } from './admission.js';
import { readFrame } from './frames.js';
import type { RealtimeLimits } from './limits.js';
import { RateLimiter } from './rate-limiter.js';
import type { RoomEngine } from './room-engine.js';
import type { RoomHub } from './room-hub.js';
import type { Session, Transport } from './session.js';

/** The path the room socket answers on. */
export const REALTIME_PATH = '/v5/realtime';

const OVERSIZE_READ_FACTOR = 4;
const CLIENT_SEQ = /"clientSeq"\s*:\s*(\d{1,15})/;
const TERMINATE_AFTER_CLOSE_MS = 2_000;

function wsTransport(socket: WebSocket): Transport {
  return {
    send: (text) => {
      if (socket.readyState === socket.OPEN) socket.send(text);
    },
    close: (code, reason) => {
      if (socket.readyState === socket.CLOSED) return;
      socket.close(code, reason.slice(0, 120));
      // A client that does not answer the close handshake is cut off.
      setTimeout(() => socket.terminate(), TERMINATE_AFTER_CLOSE_MS).unref();
    },
    get bufferedAmount() {
      return socket.bufferedAmount;
    },
  };
}

export interface SocketServerOptions {
  server: Server;
  storage: Storage;
  hub: RoomHub;
  limits: RealtimeLimits;
  logger: Logger;
}

/**
 * Accepts room sockets on the HTTP server: the handshake, validation of every frame, abuse and
 * rate limits, then hands valid messages to the room's engine.
 */
export function attachSocketServer(options: SocketServerOptions): { close(): Promise<void> } {
  const { limits, logger } = options;
  const wss = new WebSocketServer({
    noServer: true,
    // Frames a little over the limit are read and refused with a reason (a client can drop the
    // change and carry on); past this hard cap the connection is closed unread (1009).
    maxPayload: limits.maxFrameBytes * OVERSIZE_READ_FACTOR,
    perMessageDeflate: false,
  });

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (request.url ?? '').split('?')[0];
    if (path !== REALTIME_PATH) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
  };
  options.server.on('upgrade', onUpgrade);

  // A socket that has not answered the last ping by the next one is gone: cut it, so that its
  // member leaves the room instead of lingering.
  const alive = new WeakSet<WebSocket>();
  wss.on('connection', (ws: WebSocket) => {
    alive.add(ws);
    ws.on('pong', () => alive.add(ws));
    acceptConnection(ws, options);
  });
  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (!alive.has(ws)) {
        ws.terminate();
        continue;
      }
      alive.delete(ws);
      ws.ping();
    }
  }, limits.heartbeatIntervalMs);
  heartbeat.unref();

  logger.debug({ path: REALTIME_PATH }, 'room sockets accepted');
  return {
    close: async () => {
      clearInterval(heartbeat);
      options.server.off('upgrade', onUpgrade);
      // Rooms have closed their members with 1001 already; give the close handshakes a moment
      // so that clients see the going-away code, then cut off whoever is left.
      for (const ws of wss.clients) {
        if (ws.readyState === ws.OPEN) ws.close(CLOSE_CODES.goingAway, 'server shutting down');
      }
      const deadline = Date.now() + 1000;
      while (wss.clients.size > 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

function acceptConnection(ws: WebSocket, options: SocketServerOptions): void {
  const { storage, hub, limits } = options;
  const transport = wsTransport(ws);
  let logger = options.logger;
  let state: 'handshake' | 'joining' | 'joined' | 'closed' = 'handshake';
  let engine: RoomEngine | undefined;
  let session: Session | undefined;
  let invalidFrames = 0;
  /** Set once the connection is being closed for abuse: nothing it sends is read any more. */
  let abusive = false;
  const waiting: ClientMessageType[] = [];
  const messageLimiter = new RateLimiter(limits.changesPerSecond, limits.changesPerSecond * 2);
  const byteLimiter = new RateLimiter(
    limits.bytesPerSecond,
    Math.max(limits.bytesPerSecond * 2, limits.maxFrameBytes * OVERSIZE_READ_FACTOR),
  );

  const handshakeTimer = setTimeout(() => {
    transport.close(CLOSE_CODES.badHandshake, 'no connect message in time');
  }, limits.handshakeTimeoutMs);
  handshakeTimer.unref();

  /** Answers a refused frame: a `reject` when it names a change, an `error` otherwise. */
  const refuseFrame = (code: string, message: string, clientSeq?: number) => {
    invalidFrames += 1;
    if (invalidFrames > limits.maxInvalidFrames) {
      abusive = true;
      logger.warn({ invalidFrames }, 'closing a connection that keeps sending invalid frames');
      transport.close(CLOSE_CODES.abuse, 'too many invalid frames');
      return;
    }
    transport.send(
      JSON.stringify(
        clientSeq === undefined
          ? { type: 'error', code, message }
          : { type: 'reject', clientSeq, code, message },
      ),
    );
  };

  const deliver = (message: ClientMessageType) => {
    if (!engine || !session) return;
    // Everything that reaches other members counts against the rate, but presence (which the
    // engine thins out itself) and pings.
    const counted = message.type !== 'presence' && message.type !== 'ping';
    if (counted && !messageLimiter.take()) {
      const text = `more than ${limits.changesPerSecond} messages a second`;
      const code = ROOM_ERROR_CODES.rateLimited;
      transport.send(
        JSON.stringify(
          message.type === 'change'
            ? { type: 'reject', clientSeq: message.clientSeq, code, message: text }
            : { type: 'error', code, message: text },
        ),
      );
      return;
    }
    engine.handle(session, message);
  };

  // A function, not a comparison, because the state changes while join() awaits.
  const closed = () => state === 'closed';

  const join = async (connect: ConnectMessage) => {
    const admission = await admit(storage, connect);
    if (closed()) return;
    if (!admission.ok) {
      transport.close(admission.code, admission.reason);
      return;
    }
    const { caller, room } = admission;
    const candidate: Session = {
      transport,
      clientId: connect.clientId,
      uid: connect.uid,
      role: caller.role,
      payload: connect.userPayload ?? null,
      memberId: 0,
      memberState: connect.memberState ?? {},
      isWritable: connect.isWritable && caller.role !== 'reader',
      lastPresenceAt: 0,
    };
    const joined = await hub.engineFor(room);
    if (closed()) return;
    const refusal = await joined.join(candidate, connect);
    if (refusal) {
      transport.close(refusal.code, refusal.reason);
      return;
    }
    if (closed()) {
      joined.leave(candidate);
      return;
    }
    engine = joined;
    session = candidate;
    state = 'joined';
    logger = logger.child({ room: room.uuid, memberId: candidate.memberId });
    logger.info({ role: caller.role, isWritable: candidate.isWritable }, 'member joined');
    for (const message of waiting.splice(0)) deliver(message);
  };

  ws.on('message', (data: RawData, isBinary: boolean) => {
    if (state === 'closed' || abusive) return;
    const bytes = (data as Buffer).length;
    if (!byteLimiter.take(bytes)) {
      refuseFrame(
        ROOM_ERROR_CODES.rateLimited,
        `more than ${limits.bytesPerSecond} bytes a second`,
      );
      return;
    }
    const text = isBinary ? undefined : data.toString();
    if (text === undefined) {
      refuseFrame(ROOM_ERROR_CODES.invalidFrame, 'frames are JSON text, not binary');
      return;
    }
    if (bytes > limits.maxFrameBytes) {
      // Name the change refused, when the frame says which, so that its author can drop it.
      const clientSeq = CLIENT_SEQ.exec(text.slice(0, 256))?.[1];
      refuseFrame(
        ROOM_ERROR_CODES.frameTooLarge,
        `frames are at most ${limits.maxFrameBytes} bytes`,
        state === 'joined' && clientSeq !== undefined ? Number(clientSeq) : undefined,
      );
      return;
    }

    const frame = readFrame(text);
    if (state === 'handshake') {
      clearTimeout(handshakeTimer);
      if (!frame.ok || frame.message.type !== 'connect') {
        const why = frame.ok ? 'the first message must be connect' : frame.message;
        transport.close(CLOSE_CODES.badHandshake, why);
        state = 'closed';
        return;
      }
      state = 'joining';
      join(frame.message).catch((error: unknown) => {
        logger.error(
          {
            err: error,
            room: frame.message.type === 'connect' ? frame.message.roomUuid : undefined,
          },
          'join failed',
        );
        transport.close(CLOSE_CODES.goingAway, 'join failed; try again');
      });
      return;
    }
    if (!frame.ok) {
      refuseFrame(frame.code, frame.message, frame.clientSeq);
      return;
    }
    if (state === 'joining') waiting.push(frame.message);
    else deliver(frame.message);
  });

  ws.on('close', (code) => {
    state = 'closed';
    clearTimeout(handshakeTimer);
    if (engine && session) {
      engine.leave(session);
      logger.info({ code }, 'member left');
    }
  });
  ws.on('error', (error) => logger.debug({ err: error }, 'socket error'));
}
