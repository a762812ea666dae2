import { describe, expect, it } from 'vitest';
import { phaseMessage } from '../src/replay/status.js';

describe('phaseMessage', () => {
  it('says nothing while a replay plays or is paused with its data at hand', () => {
    expect(phaseMessage('playing', false)).toBeUndefined();
    expect(phaseMessage('pause', false)).toBeUndefined();
  });

  it('says a paused replay is loading the moment a slow seek asked for', () => {
    expect(phaseMessage('pause', false, true)).toBe('Loading this moment of the recording…');
  });

  it('says the media holds the board back while the media loads', () => {
    expect(phaseMessage('playing', true)).toMatch(/sound or video/);
  });

  it('says buffering and the end of the recording in words', () => {
    expect(phaseMessage('buffering', false)).toMatch(/Loading more/);
    expect(phaseMessage('ended', false)).toMatch(/end of the recording/);
  });
});
