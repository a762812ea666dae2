/** Sentences for why a replay could not start or stopped, instead of the SDK's codes. */

interface ReplayFailure {
  name?: unknown;
  reason?: unknown;
  code?: unknown;
  status?: unknown;
}

export function replayErrorMessage(error: unknown): string {
  const failure = (typeof error === 'object' && error !== null ? error : {}) as ReplayFailure;
  if (failure.name === 'RangeError') {
    return 'The start or the length in this link is outside what was recorded. Check the link.';
  }
  if (failure.reason === 'unreachable') {
    return 'The server cannot be reached. Check your connection, then reload the page.';
  }
  if (failure.reason === 'invalidAnswer') {
    return 'The server sent a recording this page does not understand. Reload the page to try again.';
  }
  switch (failure.code) {
    case 117:
      return 'This room was not recorded, so it cannot be replayed. Only rooms made to be recorded can be.';
    case 118:
      return 'The start or the length in this link is outside what was recorded. Check the link.';
    case 301:
      return 'This room does not exist. Check the link, or ask for a new one.';
    case 202:
      return 'This link has expired. Ask for a new one.';
    case 201:
    case 203:
    case 209:
      return 'This link is not valid. Ask for a new one.';
    default:
      break;
  }
  if (failure.status === 401 || failure.status === 403) {
    return 'This link does not give access to this recording. Ask for a new one.';
  }
  if (typeof failure.status === 'number' && failure.status >= 500) {
    return 'The server could not give the recording just now. Reload the page to try again.';
  }
  return 'The recording could not be played. Reload the page to try again.';
}

/** A media element's failure (`MediaError.code`), as a sentence. */
export function mediaErrorMessage(code: number | undefined): string {
  switch (code) {
    case 2:
      return 'The sound or video recording could not be loaded: the connection failed.';
    case 3:
    case 4:
      return 'The sound or video recording cannot be played in this browser, or is not at this address. The board still plays without it.';
    default:
      return 'The sound or video recording stopped with an error.';
  }
}
