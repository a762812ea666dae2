import type { SceneState } from '@whiteroom/board';
import type { BroadcastState, MemberState, RoomMember, ViewMode } from '@whiteroom/protocol';

export type RoomPhase =
  'connecting' | 'connected' | 'reconnecting' | 'disconnecting' | 'disconnected';

/** Where this client looks: centre and zoom, and the size of its view when the application says. */
export interface CameraState {
  centerX: number;
  centerY: number;
  scale: number;
  width?: number;
  height?: number;
}

export interface BroadcastView {
  /** This client's view mode: `broadcaster` and `follower` follow the room's broadcaster. */
  mode: ViewMode;
  broadcasterId?: number;
  /** The broadcaster's member entry. */
  broadcasterInformation?: RoomMember;
}

/** Everything `onRoomStateChanged` reports, field by field. Each field is replaced, never mutated. */
export interface RoomState {
  /** The room's shared JSON. */
  globalState: Record<string, unknown>;
  /** This member's tool and style. */
  memberState: MemberState;
  /** Everyone in the room, this member included, by memberId. */
  roomMembers: RoomMember[];
  /** The room's current page and the pages of its folder. */
  sceneState: SceneState;
  cameraState: CameraState;
  broadcastState: BroadcastView;
}

export type { SceneState };

export const DEFAULT_MEMBER_STATE: MemberState = {
  currentApplianceName: 'pencil',
  strokeColor: [0, 0, 0],
  strokeWidth: 4,
  textSize: 16,
};

export const DEFAULT_CAMERA: CameraState = { centerX: 0, centerY: 0, scale: 1 };

/**
 * This client's view mode after the room's broadcaster changed from `before` to `after`. Only the
 * server makes a member the broadcaster; a new broadcaster makes everyone else a follower (as in
 * the hosted service), and the end of broadcasting sets followers free.
 */
export function viewModeAfter(
  mode: ViewMode,
  before: number | undefined,
  after: number | undefined,
  memberId: number | undefined,
): ViewMode {
  if (after !== undefined && after === memberId) return 'broadcaster';
  if (after !== undefined && after !== before) return 'follower';
  if (after === undefined && before !== undefined) return 'freedom';
  return mode === 'broadcaster' ? 'freedom' : mode;
}

export function broadcastView(
  mode: ViewMode,
  server: BroadcastState,
  members: ReadonlyMap<number, RoomMember>,
): BroadcastView {
  const view: BroadcastView = { mode };
  if (server.broadcasterId !== undefined) {
    view.broadcasterId = server.broadcasterId;
    const member = members.get(server.broadcasterId);
    if (member) view.broadcasterInformation = structuredClone(member);
  }
  return view;
}

export function memberList(members: ReadonlyMap<number, RoomMember>): RoomMember[] {
  return structuredClone([...members.values()].sort((a, b) => a.memberId - b.memberId));
}
