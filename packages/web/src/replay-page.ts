import { WhiteWebSdk, type Player } from '@whiteroom/sdk';
import { h, replaceChildren } from './dom.js';
import { problemPage } from './problem-page.js';
import { readReplayLink } from './replay/link.js';
import { replayErrorMessage } from './replay/messages.js';
import { ReplayView } from './replay/replay-view.js';

function showProblem(root: HTMLElement, message: string): void {
  const page = problemPage('This replay cannot be shown', message, { testId: 'replay-problem' });
  replaceChildren(root, page);
}

/**
 * `/replay/{uuid}?token=...` (with `&media=URL`, `&begin=` and `&duration=` in epoch
 * milliseconds, all optional): a recorded room played back, read-only.
 */
export async function replayPage(root: HTMLElement, uuid: string): Promise<void> {
  document.title = 'Replay · Whiteroom';
  const link = readReplayLink(uuid, window.location.search, window.location.origin);
  if ('problem' in link) {
    showProblem(root, link.problem);
    return;
  }
  replaceChildren(
    root,
    h(
      'main',
      { class: 'center-page', 'data-testid': 'replay-loading' },
      h('p', { class: 'connecting', role: 'status' }, 'Loading the recording…'),
    ),
  );

  // The player can stop before the view is shown (the board at the start could not be fetched).
  const shown: { view?: ReplayView; error?: unknown } = {};
  let player: Player;
  try {
    player = await new WhiteWebSdk({ serverUrl: window.location.origin }).replayRoom(
      {
        room: uuid,
        roomToken: link.token,
        ...(link.begin !== undefined && { beginTimestamp: link.begin }),
        ...(link.duration !== undefined && { duration: link.duration }),
      },
      {
        onStoppedWithError: (error) => {
          if (shown.view) shown.view.fail(error);
          else shown.error = error;
        },
      },
    );
  } catch (error) {
    showProblem(root, replayErrorMessage(error));
    return;
  }

  const view = new ReplayView(player, link);
  shown.view = view;
  replaceChildren(root, view.element);
  view.start();
  if (shown.error !== undefined) view.fail(shown.error);
}
