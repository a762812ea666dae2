/** How a replay shows time: positions as a clock, moments as a date and time, and its speeds. */

/** The speeds the replay offers, slowest first. */
export const SPEEDS = [0.5, 1, 1.5, 2, 4] as const;
export const MIN_SPEED = 0.5;
export const MAX_SPEED = 4;

/** A speed the player takes: finite and within 0.5 to 4 times. */
export function clampSpeed(speed: number): number {
  if (!Number.isFinite(speed)) return 1;
  return Math.min(MAX_SPEED, Math.max(MIN_SPEED, speed));
}

/** `3:07` under an hour, `1:02:07` from an hour on; partial seconds are dropped. */
export function formatClock(ms: number): string {
  const total = Number.isFinite(ms) && ms > 0 ? Math.floor(ms / 1000) : 0;
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0
    ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}`
    : `${minutes}:${seconds}`;
}

/**
 * A position and the total in the same shape, so that the two line up: `0:05 / 1:02:07` is
 * shown `0:00:05 / 1:02:07`.
 */
export function formatProgress(position: number, total: number): string {
  const end = formatClock(total);
  let now = formatClock(Math.min(position, total));
  if (end.split(':').length > now.split(':').length) now = `0:${now.padStart(5, '0')}`;
  return `${now} / ${end}`;
}

/** How a position reads aloud on the timeline: "1 minute 5 seconds of 3 minutes". */
export function spokenDuration(ms: number): string {
  const total = Number.isFinite(ms) && ms > 0 ? Math.floor(ms / 1000) : 0;
  const parts: [number, string][] = [
    [Math.floor(total / 3600), 'hour'],
    [Math.floor((total % 3600) / 60), 'minute'],
    [total % 60, 'second'],
  ];
  const said = parts
    .filter(([value]) => value > 0)
    .map(([value, unit]) => `${value} ${unit}${value === 1 ? '' : 's'}`);
  return said.length > 0 ? said.join(' ') : '0 seconds';
}

const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * The wall-clock moment, in the reader's language and time zone: the date and the time to the
 * second (`12 Mar 2025, 14:03:27`, or as the locale writes it).
 */
export function formatMoment(epochMs: number, locale?: string, timeZone?: string): string {
  // The controls show the moment on every tick of the player: one formatter per setting.
  const key = `${locale ?? ''}|${timeZone ?? ''}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      dateStyle: 'medium',
      timeStyle: 'medium',
      timeZone,
    });
    formats.set(key, format);
  }
  return format.format(new Date(epochMs));
}

/** The moment as a machine-readable value for a `<time datetime>`. */
export function isoMoment(epochMs: number): string {
  return new Date(epochMs).toISOString();
}
