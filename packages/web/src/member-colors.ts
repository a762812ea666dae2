/** Each member's colour, for cursors and the member list; the same on every screen. */
const COLORS = [
  '#e03131',
  '#1971c2',
  '#2f9e44',
  '#f08c00',
  '#7048e8',
  '#0c8599',
  '#c2255c',
  '#5c940d',
  '#e8590c',
  '#3b5bdb',
];

export function memberColor(memberId: number): string {
  return COLORS[memberId % COLORS.length] as string;
}

/** The display name in a member's payload, or a stand-in. */
export function memberName(payload: unknown, memberId: number): string {
  const name = (payload as { name?: unknown } | null)?.name;
  return typeof name === 'string' && name.trim() !== ''
    ? name.trim().slice(0, 64)
    : `Guest ${memberId}`;
}
