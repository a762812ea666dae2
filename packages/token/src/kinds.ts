/** The three kinds of token and the prefix each one starts with. */
export const TOKEN_PREFIXES = {
  sdk: 'NETLESSSDK_',
  room: 'NETLESSROOM_',
  task: 'NETLESSTASK_',
} as const;

export type TokenKind = keyof typeof TOKEN_PREFIXES;

export function kindOfToken(token: string): { kind: TokenKind; body: string } | undefined {
  for (const kind of ['sdk', 'room', 'task'] as const) {
    const prefix = TOKEN_PREFIXES[kind];
    if (token.startsWith(prefix)) return { kind, body: token.slice(prefix.length) };
  }
  return undefined;
}
