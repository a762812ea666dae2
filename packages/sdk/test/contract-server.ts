import { Board } from '@whiteroom/board';
import type { ClientMessage, SequencedChange, ServerMessage } from '@whiteroom/protocol';
import { member, type FakeSocket } from './helpers.js';

/** One client connection as the server sees it: what the client sent, and what waits for it. */
interface Link {
  readonly socket: FakeSocket;
  /** How many of the client's sent messages the server has read. */
  read: number;
  /** Server messages not yet delivered, in order. */
  readonly outbox: ServerMessage[];
  clientId?: string;
  memberId?: number;
}

/**
 * The server side of the room protocol, in memory, as the contract describes it: changes are
 * checked against the board, numbered and sent to everyone (the author's copy carrying its
 * clientId and clientSeq); refused ones are answered with `reject`; resent ones with `ack`; a
 * (re)connect gets the changes after its lastSeq, or a snapshot without one. Messages travel in
 * order per connection, but the test chooses when each is delivered.
 */
export class ContractServer {
  readonly board = new Board();
  private seq = 0;
  private readonly log: SequencedChange[] = [];
  private readonly lastClientSeq = new Map<string, [clientSeq: number, seq: number]>();
  private readonly links: Link[] = [];
  private nextMemberId = 1;

  constructor(
    private readonly options: {
      /** Whether to refuse a change that applies (as rate limiting would). */
      rejectChance: () => boolean;
      /** Whether to answer a reconnect with a snapshot although it could catch up. */
      snapshotChance: () => boolean;
    },
  ) {}

  attach(socket: FakeSocket): void {
    this.links.push({ socket, read: 0, outbox: [] });
  }

  /** Connections that are open with something to move in either direction. */
  busyLinks(): { toServer: Link[]; toClient: Link[] } {
    const open = this.links.filter((link) => link.socket.readyState === 1);
    return {
      toServer: open.filter((link) => link.read < link.socket.sent.length),
      toClient: open.filter((link) => link.outbox.length > 0),
    };
  }

  /** Reads the client's next message on a link and acts on it. */
  receiveOne(link: Link): void {
    const message = link.socket.sent[link.read++] as ClientMessage;
    this.handle(link, message);
  }

  /** Delivers the next server message of a link to its client. */
  deliverOne(link: Link): void {
    const message = link.outbox.shift() as ServerMessage;
    link.socket.deliver(message);
  }

  /**
   * Cuts a connection as a network failure would: a random share of what the client sent still
   * reaches the server, what the server had not delivered is lost, and the client sees 1006.
   */
  cut(link: Link, delivered: number): void {
    for (let i = 0; i < delivered && link.read < link.socket.sent.length; i++)
      this.receiveOne(link);
    link.outbox.length = 0;
    link.socket.serverClose(1006);
  }

  openLinks(): Link[] {
    return this.links.filter((link) => link.socket.readyState === 1);
  }

  private handle(link: Link, message: ClientMessage): void {
    switch (message.type) {
      case 'connect': {
        link.clientId = message.clientId;
        link.memberId = this.nextMemberId++;
        const [lastClientSeq] = this.lastClientSeq.get(message.clientId) ?? [0, 0];
        const catchUp =
          message.lastSeq === undefined || this.options.snapshotChance()
            ? { snapshot: this.board.toSnapshot(), changes: [] }
            : { changes: this.log.filter((change) => change.seq > (message.lastSeq ?? 0)) };
        link.outbox.push({
          type: 'welcome',
          protocolVersion: 1,
          memberId: link.memberId,
          isWritable: true,
          role: 'writer',
          ...catchUp,
          lastClientSeq,
          members: [member(link.memberId)],
          broadcastState: {},
          serverTime: 0,
        });
        return;
      }
      case 'change': {
        const clientId = link.clientId as string;
        const [applied, appliedSeq] = this.lastClientSeq.get(clientId) ?? [0, 0];
        if (message.clientSeq <= applied) {
          link.outbox.push({ type: 'ack', clientSeq: message.clientSeq, seq: appliedSeq });
          return;
        }
        const { op } = message;
        if (op.type === 'undo' || op.type === 'redo' || this.options.rejectChance()) {
          const code = op.type === 'undo' || op.type === 'redo' ? 'nothingToUndo' : 'rateLimited';
          link.outbox.push({ type: 'reject', clientSeq: message.clientSeq, code, message: code });
          return;
        }
        const result = this.board.apply(op);
        if (!result.ok) {
          const { code, message: text } = result;
          link.outbox.push({ type: 'reject', clientSeq: message.clientSeq, code, message: text });
          return;
        }
        this.seq += 1;
        const change: SequencedChange = {
          seq: this.seq,
          time: 0,
          uid: clientId,
          op,
          clientId,
          clientSeq: message.clientSeq,
        };
        this.log.push(change);
        this.lastClientSeq.set(clientId, [message.clientSeq, this.seq]);
        for (const other of this.openLinks()) {
          if (other.memberId !== undefined) other.outbox.push({ type: 'change', change });
        }
        return;
      }
      case 'ping':
        link.outbox.push({ type: 'pong', id: message.id, serverTime: 0 });
        return;
      default:
        // Presence, member state and the rest do not touch the board.
        return;
    }
  }
}
