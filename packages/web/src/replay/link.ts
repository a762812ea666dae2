/** What the replay page's address says: `/replay/{uuid}?token=...&media=...&begin=...&duration=...`. */

export type MediaKind = 'audio' | 'video';

export interface ReplayMedia {
  /** An absolute http(s) address. */
  url: string;
  kind: MediaKind;
}

export interface ReplayLink {
  uuid: string;
  token: string;
  /** Where playback starts (epoch milliseconds); the start of the recording when absent. */
  begin?: number;
  /** How much to play, in milliseconds; to the end of the recording when absent. */
  duration?: number;
  media?: ReplayMedia;
}

/** Why an address cannot be replayed, as a sentence for the person who opened it. */
export type LinkProblem = { problem: string };

const AUDIO_EXTENSIONS = new Set([
  'mp3',
  'wav',
  'ogg',
  'oga',
  'opus',
  'm4a',
  'aac',
  'flac',
  'weba',
]);

/**
 * Audio or video: from a MIME type when the address gives one (`mediaType=audio/mpeg`), otherwise
 * from the file's extension. Anything unknown is a video, which plays sound just as well.
 */
export function mediaKind(url: URL, type?: string | null): MediaKind {
  if (type) return type.toLowerCase().startsWith('audio/') ? 'audio' : 'video';
  const name = url.pathname.slice(url.pathname.lastIndexOf('/') + 1);
  const extension = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1).toLowerCase() : '';
  return AUDIO_EXTENSIONS.has(extension) ? 'audio' : 'video';
}

function wholeMilliseconds(value: string | null): number | undefined | 'bad' {
  if (value === null || value === '') return undefined;
  if (!/^\d{1,16}$/.test(value)) return 'bad';
  const number = Number(value);
  return Number.isSafeInteger(number) ? number : 'bad';
}

/**
 * Reads the page's query. `origin` resolves a media address given as a path (`/uploads/...`);
 * only http and https media are played.
 */
export function readReplayLink(
  uuid: string,
  search: string,
  origin: string,
): ReplayLink | LinkProblem {
  const params = new URLSearchParams(search);
  const token = params.get('token');
  if (!token) {
    return { problem: 'This link is not complete: it has no token. Ask for the full link.' };
  }
  const link: ReplayLink = { uuid, token };

  const begin = wholeMilliseconds(params.get('begin'));
  const duration = wholeMilliseconds(params.get('duration'));
  if (begin === 'bad' || duration === 'bad' || duration === 0) {
    return {
      problem:
        'The start or the length in this link is not a number of milliseconds. Check the link.',
    };
  }
  if (begin !== undefined) link.begin = begin;
  if (duration !== undefined) link.duration = duration;

  const media = params.get('media');
  if (media) {
    let url: URL;
    try {
      url = new URL(media, origin);
    } catch {
      return { problem: 'The recording of sound or video in this link is not an address.' };
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      return {
        problem:
          'The recording of sound or video in this link is not a web address (http or https).',
      };
    }
    link.media = { url: url.toString(), kind: mediaKind(url, params.get('mediaType')) };
  }
  return link;
}

/** The replay page's address for a room, from the room page's token. */
export function replayPath(uuid: string, token: string): string {
  return `/replay/${uuid}?${new URLSearchParams({ token }).toString()}`;
}
