import { describe, expect, it } from 'vitest';
import {
  clampSpeed,
  formatClock,
  formatMoment,
  formatProgress,
  spokenDuration,
} from '../src/replay/time.js';

describe('replay time formatting', () => {
  it('shows positions under an hour as minutes and seconds', () => {
    expect(formatClock(0)).toBe('0:00');
    expect(formatClock(999)).toBe('0:00');
    expect(formatClock(59_999)).toBe('0:59');
    expect(formatClock(65_000)).toBe('1:05');
    expect(formatClock(59 * 60_000 + 59_000)).toBe('59:59');
  });

  it('shows positions from an hour on as hours, minutes and seconds', () => {
    expect(formatClock(3_600_000)).toBe('1:00:00');
    expect(formatClock(3_727_000)).toBe('1:02:07');
    expect(formatClock(36_000_000 + 5_000)).toBe('10:00:05');
  });

  it('shows nothing below zero and nothing for a missing number', () => {
    expect(formatClock(-5_000)).toBe('0:00');
    expect(formatClock(Number.NaN)).toBe('0:00');
    expect(formatClock(Number.POSITIVE_INFINITY)).toBe('0:00');
  });

  it('gives the position the shape of the total', () => {
    expect(formatProgress(5_000, 65_000)).toBe('0:05 / 1:05');
    expect(formatProgress(5_000, 3_727_000)).toBe('0:00:05 / 1:02:07');
    expect(formatProgress(725_000, 3_727_000)).toBe('0:12:05 / 1:02:07');
    expect(formatProgress(90_000, 65_000)).toBe('1:05 / 1:05');
  });

  it('says a position in words for the timeline', () => {
    expect(spokenDuration(0)).toBe('0 seconds');
    expect(spokenDuration(1_000)).toBe('1 second');
    expect(spokenDuration(3_727_000)).toBe('1 hour 2 minutes 7 seconds');
    expect(spokenDuration(120_000)).toBe('2 minutes');
  });

  it('shows the moment as a date and time in the given language and zone', () => {
    const moment = Date.UTC(2025, 2, 12, 14, 3, 27, 400);
    expect(formatMoment(moment, 'en-GB', 'UTC')).toBe('12 Mar 2025, 14:03:27');
    expect(formatMoment(moment, 'en-GB', 'Asia/Tokyo')).toBe('12 Mar 2025, 23:03:27');
  });

  it('keeps speeds within half to four times', () => {
    expect(clampSpeed(0.1)).toBe(0.5);
    expect(clampSpeed(1.5)).toBe(1.5);
    expect(clampSpeed(16)).toBe(4);
    expect(clampSpeed(Number.NaN)).toBe(1);
  });
});
