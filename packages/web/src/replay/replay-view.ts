import type { Player } from '@whiteroom/sdk';
import { h, isTypingTarget } from '../dom.js';
import { exposeReplayTestHook } from '../test-hook.js';
import { zoomControls } from '../zoom-controls.js';
import { ReplayControls } from './controls.js';
import type { ReplayLink, ReplayMedia } from './link.js';
import { MediaSync } from './media-sync.js';
import { mediaErrorMessage, replayErrorMessage } from './messages.js';
import { ReplayBoard } from './replay-board.js';
import { ReplayStatus } from './status.js';
import { PlayerTransport, type Transport } from './transport.js';

/** A seek that loads for longer than this is shown as loading; a quicker one would only flash. */
const SLOW_SEEK_MS = 250;

function pageLabel(index: number, count: number): string {
  return `${index + 1} / ${count}`;
}

function mediaElement(media: ReplayMedia): HTMLMediaElement {
  const element =
    media.kind === 'audio'
      ? h('audio', { class: 'replay-audio', preload: 'auto', 'data-testid': 'replay-media' })
      : h('video', {
          class: 'replay-video island',
          preload: 'auto',
          playsinline: true,
          'aria-label': 'Video recorded with the room',
          'data-testid': 'replay-media',
        });
  element.src = media.url;
  return element;
}

/**
 * A replay on screen: the board as it was, its banners, and the playback bar, with the media
 * (when the link names one) as the clock. The controls act on the media then; if the media
 * fails, the board goes on with the player's own clock and a note says why.
 */
export class ReplayView {
  readonly element: HTMLElement;
  private readonly board: ReplayBoard;
  private readonly status = new ReplayStatus();
  private readonly controls: ReplayControls;
  private readonly pageIndicator: HTMLElement;
  private readonly media: HTMLMediaElement | undefined;
  private transport: Transport;
  private slowSeek = false;
  private slowSeekTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly player: Player,
    link: ReplayLink,
  ) {
    this.board = new ReplayBoard(player);
    const report = (error: unknown): void => this.report(error);
    const onChange = (): void => this.refresh();
    if (link.media) {
      const media = mediaElement(link.media);
      this.media = media;
      this.transport = new MediaSync(media, player, { report, onChange });
    } else {
      this.transport = new PlayerTransport(player, report, onChange);
    }
    this.controls = new ReplayControls(() => this.transport, player.beginTimestamp);
    this.pageIndicator = h('div', {
      class: 'replay-page island',
      role: 'status',
      'data-testid': 'replay-page',
    });

    const roomLink = `/room/${link.uuid}?${new URLSearchParams({ token: link.token }).toString()}`;
    this.element = h(
      'div',
      { class: 'room replay', 'data-testid': 'replay' },
      this.board.element,
      h(
        'header',
        { class: 'top-bar' },
        h('a', { class: 'brand island', href: '/', title: 'Whiteroom: start page' }, 'Whiteroom'),
        h('h1', { class: 'replay-title island' }, 'Replay'),
        h(
          'div',
          { class: 'top-right' },
          h(
            'a',
            { class: 'button secondary', href: roomLink, 'data-testid': 'replay-open-room' },
            'Open the room',
          ),
        ),
      ),
      this.status.element,
      this.media,
      h(
        'footer',
        { class: 'replay-bar' },
        zoomControls(this.board.camera, this.board.store, () => this.board.fit()),
        this.controls.element,
        this.pageIndicator,
      ),
    );
    this.wire();
  }

  /** Called once the element is in the document. */
  start(): void {
    this.board.start();
    this.refresh();
  }

  /** The player stopped because of an error. */
  fail(error: unknown): void {
    this.status.showProblem(replayErrorMessage(error));
    this.refresh();
  }

  private wire(): void {
    const { player } = this;
    player.on('phaseChanged', (phase) => {
      this.transport.playerPhaseChanged(phase);
      this.refresh();
    });
    player.on('progressTimeChanged', () => this.controls.update());
    player.on('stateChanged', (modified) => {
      if (modified.sceneState) this.showPage();
    });
    this.showPage();

    const media = this.media;
    if (media) {
      for (const type of ['timeupdate', 'durationchange', 'seeking']) {
        media.addEventListener(type, () => this.controls.update());
      }
      media.addEventListener('ratechange', () => this.controls.showSpeed(media.playbackRate));
      media.addEventListener('error', () => this.dropMedia(media));
    }

    document.addEventListener('keydown', (event) => {
      const target = event.target;
      // Buttons and links take the space bar themselves, fields type it; the timeline does not.
      const isTimeline = target instanceof HTMLInputElement && target.type === 'range';
      const onControl =
        target instanceof HTMLButtonElement ||
        target instanceof HTMLAnchorElement ||
        (isTypingTarget(target) && !isTimeline);
      if (event.key === ' ' && !onControl && !event.repeat) {
        event.preventDefault();
        this.controls.toggle();
      }
    });

    exposeReplayTestHook(player, this.board.camera, this.board.element, this.media, () =>
      this.board.cursors.visible().map(({ name, x, y }) => ({ name, x, y })),
    );
  }

  /** The media cannot play: the board plays on without it, on the player's own clock. */
  private dropMedia(media: HTMLMediaElement): void {
    if (!(this.transport instanceof MediaSync)) return;
    const wasPlaying = this.transport.playing;
    this.transport.detach();
    this.transport = new PlayerTransport(
      this.player,
      (error) => this.report(error),
      () => this.refresh(),
    );
    if (wasPlaying) this.transport.play();
    media.hidden = true;
    this.status.showNote(mediaErrorMessage(media.error?.code));
    this.refresh();
  }

  private refresh(): void {
    this.watchSeek();
    const waiting = this.transport instanceof MediaSync && this.transport.waiting;
    this.status.setPhase(this.player.phase, waiting, this.slowSeek);
    this.controls.update();
  }

  /** Starts the clock of a seek that began, or ends it for one that is done. */
  private watchSeek(): void {
    if (!this.transport.seeking) {
      clearTimeout(this.slowSeekTimer);
      this.slowSeekTimer = undefined;
      this.slowSeek = false;
    } else if (this.slowSeekTimer === undefined) {
      this.slowSeekTimer = setTimeout(() => {
        this.slowSeek = true;
        this.refresh();
      }, SLOW_SEEK_MS);
    }
  }

  private showPage(): void {
    const { index, scenes } = this.player.state.sceneState;
    const label = pageLabel(index, Math.max(1, scenes.length));
    this.pageIndicator.textContent = `Page ${label}`;
    this.pageIndicator.setAttribute('aria-label', `Page ${index + 1} of ${scenes.length}`);
  }

  private report(error: unknown): void {
    const name = (error as { name?: unknown } | null)?.name;
    if (name === 'NotAllowedError') {
      this.status.showNote('The browser did not let the recording play by itself: press play.');
    } else if (name !== 'AbortError') {
      this.status.showNote(replayErrorMessage(error));
    }
    this.refresh();
  }
}
