import { describe, expect, it } from 'vitest';
import { mediaKind, readReplayLink, replayPath } from '../src/replay/link.js';
import { replayErrorMessage } from '../src/replay/messages.js';
import { tokenOf } from '../src/replay/recorded.js';

const UUID = '0123456789abcdef0123456789abcdef';
const ORIGIN = 'https://board.example.com';

describe('the replay link', () => {
  it('needs a token', () => {
    expect(readReplayLink(UUID, '', ORIGIN)).toHaveProperty('problem');
    expect(readReplayLink(UUID, '?token=abc', ORIGIN)).toEqual({ uuid: UUID, token: 'abc' });
  });

  it('reads the start and the length in milliseconds', () => {
    expect(readReplayLink(UUID, '?token=t&begin=1700000000000&duration=60000', ORIGIN)).toEqual({
      uuid: UUID,
      token: 't',
      begin: 1_700_000_000_000,
      duration: 60_000,
    });
    for (const bad of ['begin=-5', 'begin=soon', 'duration=1.5', 'duration=0']) {
      expect(readReplayLink(UUID, `?token=t&${bad}`, ORIGIN), bad).toHaveProperty('problem');
    }
  });

  it('resolves a media path against the page and plays only web addresses', () => {
    expect(readReplayLink(UUID, '?token=t&media=/uploads/class.mp4', ORIGIN)).toMatchObject({
      media: { url: `${ORIGIN}/uploads/class.mp4`, kind: 'video' },
    });
    expect(
      readReplayLink(UUID, `?token=t&media=${encodeURIComponent('javascript:alert(1)')}`, ORIGIN),
    ).toHaveProperty('problem');
    expect(
      readReplayLink(UUID, '?token=t&media=data:audio/wav;base64,AAAA', ORIGIN),
    ).toHaveProperty('problem');
  });

  it('tells audio from video by MIME type, then by extension', () => {
    expect(mediaKind(new URL('https://x.test/a.wav'))).toBe('audio');
    expect(mediaKind(new URL('https://x.test/a.MP3?x=1'))).toBe('audio');
    expect(mediaKind(new URL('https://x.test/a.webm'))).toBe('video');
    expect(mediaKind(new URL('https://x.test/stream'))).toBe('video');
    expect(mediaKind(new URL('https://x.test/stream'), 'audio/ogg')).toBe('audio');
    expect(mediaKind(new URL('https://x.test/a.wav'), 'video/mp4')).toBe('video');
  });

  it('makes the replay path of a room, with its token', () => {
    expect(replayPath(UUID, 'a+b/c')).toBe(`/replay/${UUID}?token=a%2Bb%2Fc`);
    expect(tokenOf(`/room/${UUID}?token=reader-token`)).toBe('reader-token');
    expect(tokenOf(`/room/${UUID}`)).toBeUndefined();
  });
});

describe('replay errors', () => {
  it('says why in a sentence', () => {
    expect(replayErrorMessage({ name: 'ReplayError', reason: 'refused', code: 117 })).toContain(
      'not recorded',
    );
    expect(replayErrorMessage({ reason: 'refused', code: 301, status: 404 })).toContain(
      'does not exist',
    );
    expect(replayErrorMessage({ reason: 'refused', code: 205, status: 403 })).toContain(
      'does not give access',
    );
    expect(replayErrorMessage({ reason: 'unreachable' })).toContain('cannot be reached');
    expect(replayErrorMessage(new RangeError('beginTimestamp outside'))).toContain(
      'outside what was recorded',
    );
    expect(replayErrorMessage('anything')).toContain('could not be played');
  });
});
