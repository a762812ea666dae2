import type { MemberState, RoomMember } from '@whiteroom/protocol';
import type { Role } from '@whiteroom/token';

/** How the room engine reaches one client. The engine knows no sockets; this is all it uses. */
export interface Transport {
  /** Sends one serialised server message. */
  send(text: string): void;
  close(code: number, reason: string): void;
  /** Bytes queued but not yet sent: a client that reads too slowly lets this grow. */
  readonly bufferedAmount: number;
}

/** One member's connection to a room. */
export interface Session {
  readonly transport: Transport;
  readonly clientId: string;
  readonly uid: string;
  readonly role: Role;
  readonly payload: unknown;
  memberId: number;
  memberState: MemberState;
  /** False for readers, and for writers observing until they call setWritable(true). */
  isWritable: boolean;
  /** Last time a presence message of this member was forwarded (throttling). */
  lastPresenceAt: number;
}

export function describeMember(session: Session): RoomMember {
  return {
    memberId: session.memberId,
    uid: session.uid,
    payload: session.payload ?? null,
    memberState: session.memberState,
    isWritable: session.isWritable,
    role: session.role,
  };
}
