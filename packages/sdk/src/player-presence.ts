import type { HistoryMember, HistoryPresence, PresenceEvent } from '@whiteroom/protocol';
import type { PlayerCursor } from './player-types.js';

/** What moving to a later moment changed of the recorded presence. */
export interface PresenceChange {
  members: boolean;
  cursors: boolean;
}

/**
 * Who was in a recorded room and where their cursors were, moved forward in time through the
 * member events fetched ahead of the clock. `reset` starts over from the members at a moment.
 */
export class RecordedPresence {
  private readonly members = new Map<number, HistoryMember>();
  private readonly cursorMap = new Map<number, PlayerCursor>();
  private events: PresenceEvent[] = [];
  private head = 0;
  /** Every event up to this time has arrived. */
  private coveredUntil = 0;

  get covered(): number {
    return this.coveredUntil;
  }

  /** The members at `answer.from`, with the events after it. */
  reset(answer: HistoryPresence): void {
    this.members.clear();
    this.cursorMap.clear();
    for (const { member, cursor, scenePath } of answer.members) {
      this.members.set(member.memberId, member);
      this.cursorMap.set(member.memberId, cursorOf(member.memberId, cursor, scenePath));
    }
    this.events = answer.events.slice();
    this.head = 0;
    this.coveredUntil = answer.to;
  }

  /** The next window of events, which starts where the previous one ended. */
  append(answer: HistoryPresence): void {
    for (const event of answer.events) this.events.push(event);
    this.coveredUntil = answer.to;
  }

  /** Applies the events up to `time`. */
  advanceTo(time: number): PresenceChange {
    const change: PresenceChange = { members: false, cursors: false };
    for (; this.head < this.events.length; this.head++) {
      const event = this.events[this.head] as PresenceEvent;
      if (event.time > time) break;
      this.apply(event, change);
    }
    if (this.head > 1024 && this.head * 2 > this.events.length) {
      this.events = this.events.slice(this.head);
      this.head = 0;
    }
    return change;
  }

  roomMembers(): HistoryMember[] {
    return structuredClone([...this.members.values()].sort((a, b) => a.memberId - b.memberId));
  }

  cursors(): PlayerCursor[] {
    return [...this.cursorMap.values()]
      .sort((a, b) => a.memberId - b.memberId)
      .map((cursor) => structuredClone(cursor));
  }

  private apply(event: PresenceEvent, change: PresenceChange): void {
    switch (event.type) {
      case 'joined':
        this.members.set(event.member.memberId, event.member);
        change.members = true;
        // As `reset` gives every member present a cursor, off the board until one is sampled.
        if (!this.cursorMap.has(event.member.memberId)) {
          this.cursorMap.set(event.member.memberId, {
            memberId: event.member.memberId,
            cursor: null,
          });
          change.cursors = true;
        }
        return;
      case 'left':
        this.members.delete(event.memberId);
        change.members = true;
        if (this.cursorMap.delete(event.memberId)) change.cursors = true;
        return;
      case 'cursor':
        this.cursorMap.set(event.memberId, cursorOf(event.memberId, event.cursor, event.scenePath));
        change.cursors = true;
        return;
      default:
        unexpected(event);
    }
  }
}

function cursorOf(
  memberId: number,
  cursor: PlayerCursor['cursor'],
  scenePath: string | undefined,
): PlayerCursor {
  return scenePath === undefined ? { memberId, cursor } : { memberId, cursor, scenePath };
}

function unexpected(value: never): never {
  throw new Error(`unexpected member event ${JSON.stringify(value)}`);
}
