import { h, icon } from '../dom.js';
import { ICONS } from '../icons.js';
import { Timeline } from './timeline.js';
import { formatMoment, formatProgress, isoMoment, SPEEDS } from './time.js';
import type { Transport } from './transport.js';

/**
 * The replay's bar: play or pause, the position and the length, the timeline, the speed, and the
 * date and time of the moment shown. It acts on whatever transport is current (the media when
 * there is one) and shows what that transport says.
 */
export class ReplayControls {
  readonly element: HTMLElement;
  private readonly playButton: HTMLButtonElement;
  private readonly time: HTMLElement;
  private readonly moment: HTMLTimeElement;
  private readonly speed: HTMLSelectElement;
  private readonly timeline: Timeline;
  private shownPlaying: boolean | undefined;

  constructor(
    private readonly transport: () => Transport,
    private readonly beginTimestamp: number,
  ) {
    this.playButton = h('button', {
      type: 'button',
      class: 'icon-button play-button',
      'data-testid': 'replay-play',
      onclick: () => this.toggle(),
    });
    this.time = h('span', { class: 'replay-time', 'data-testid': 'replay-time' });
    this.moment = h('time', { class: 'replay-date', 'data-testid': 'replay-date' });
    this.speed = h(
      'select',
      {
        class: 'speed-select',
        'aria-label': 'Playback speed',
        title: 'Playback speed',
        'data-testid': 'replay-speed',
        onchange: () => this.transport().setSpeed(Number(this.speed.value)),
      },
      ...SPEEDS.map((speed) => h('option', { value: speed, selected: speed === 1 }, `${speed}×`)),
    );
    this.timeline = new Timeline((progressTime) => this.transport().seek(progressTime));
    this.element = h(
      'div',
      { class: 'replay-controls island', role: 'group', 'aria-label': 'Playback' },
      this.playButton,
      this.time,
      this.timeline.element,
      this.speed,
      this.moment,
    );
    this.update();
  }

  /** Plays or pauses; also the space bar's action anywhere on the page but in a field. */
  toggle(): void {
    const transport = this.transport();
    if (transport.playing) transport.pause();
    else transport.play();
    this.update();
  }

  /** Shows the transport's state now. */
  update(): void {
    const transport = this.transport();
    const playing = transport.playing;
    if (playing !== this.shownPlaying) {
      this.shownPlaying = playing;
      const label = playing ? 'Pause' : 'Play';
      this.playButton.replaceChildren(icon(playing ? ICONS.pause : ICONS.play));
      this.playButton.setAttribute('aria-label', label);
      this.playButton.title = `${label} (space)`;
      this.playButton.dataset.playing = String(playing);
    }

    const { position, duration } = transport;
    this.time.textContent = formatProgress(position, duration);
    this.timeline.show(position, duration);
    const moment = this.beginTimestamp + Math.min(position, duration);
    const text = formatMoment(moment);
    if (this.moment.textContent !== text) {
      this.moment.textContent = text;
      this.moment.dateTime = isoMoment(moment);
    }
  }

  /** Shows a speed set elsewhere (the media's own controls). */
  showSpeed(speed: number): void {
    const option = SPEEDS.find((each) => each === speed);
    if (option !== undefined) this.speed.value = String(option);
  }
}
