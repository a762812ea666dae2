/** Sentences for what the SDK reports by code: what a person reads instead of the codes. */

export function kickMessage(reason: string): string {
  switch (reason) {
    case 'roomBan':
      return 'This room has been closed by its owner.';
    case 'roomFull':
      return 'This room is full: it already has as many people drawing as it allows.';
    case 'tokenRefused':
      return 'This link is not valid any more. Ask for a new one.';
    case 'roomNotFound':
      return 'This room does not exist. Check the link, or ask for a new one.';
    case 'unsupportedVersion':
      return 'This page is older than the server. Reload the page.';
    case 'replaced':
      return 'This room was opened again in another tab, so it was closed here.';
    case 'joinTimeout':
      return 'The server could not be reached. Check your connection, then reload the page.';
    case 'invalidArgument':
      return 'This link is not complete. Ask for a new one.';
    default:
      return 'The connection to this room has ended. Reload the page to join again.';
  }
}

/** A change of ours the server refused (it is off the board again). */
export function rejectionMessage(code: string, op: string): string {
  switch (code) {
    case 'nothingToUndo':
      return op === 'redo' ? 'There is nothing to redo.' : 'There is nothing to undo.';
    case 'readOnly':
      return 'You are viewing this board. You cannot draw here.';
    case 'limitExceeded':
      return 'This page cannot take more: it has reached the limit the server allows.';
    case 'rateLimited':
      return 'You drew faster than the server accepts, so part of it was not kept.';
    case 'elementNotFound':
      return 'Someone else removed what you were changing.';
    default:
      return 'The server did not accept your last change, so it was undone.';
  }
}

/** An error thrown by a room method, as a sentence. */
export function actionErrorMessage(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case 'readOnly':
      return 'You are viewing this board. You cannot draw here.';
    case 'disconnected':
      return 'You have left this room.';
    case 'limitExceeded':
      return 'This page cannot take more: it has reached the limit the server allows.';
    case 'sceneNotFound':
      return 'That page does not exist any more.';
    case 'sceneExists':
      return 'A page with that name already exists.';
    case 'elementNotFound':
      return 'Someone else removed what you were changing.';
    default:
      return 'That did not work. Try again.';
  }
}
