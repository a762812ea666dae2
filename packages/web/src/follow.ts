import type { Room } from '@whiteroom/sdk';
import type { Camera } from './camera.js';
import { h, icon } from './dom.js';
import { ICONS } from './icons.js';
import { memberName } from './member-colors.js';

/**
 * Follow-the-presenter. "Present" makes this member the one everybody's view follows; the others
 * see whom they follow and can stop, or follow again. While presenting, every pan and zoom here is
 * sent; while following, the presenter's view is applied here.
 */
export class FollowControls {
  /** The Present button, for the top bar. */
  readonly presentButton: HTMLButtonElement;
  /** Whom this member follows, with a button to stop or follow again, for under the toolbar. */
  readonly status: HTMLElement;
  private readonly present: HTMLButtonElement;
  private readonly follow: HTMLButtonElement;
  private readonly note: HTMLElement;

  constructor(
    private readonly room: Room,
    private readonly camera: Camera,
    private readonly report: (error: unknown) => void,
  ) {
    this.present = h(
      'button',
      {
        type: 'button',
        class: 'button secondary',
        'aria-pressed': 'false',
        title: 'Make everyone follow your view',
        'data-testid': 'present-button',
        onclick: () => this.togglePresenting(),
      },
      icon(ICONS.present),
      h('span', { class: 'label' }, 'Present'),
    );
    this.follow = h('button', {
      type: 'button',
      class: 'link-button',
      'data-testid': 'follow-button',
      hidden: true,
      onclick: () => this.toggleFollowing(),
    });
    this.note = h('span', { class: 'follow-note', 'data-testid': 'follow-note', role: 'status' });
    this.presentButton = this.present;
    this.status = h(
      'div',
      { class: 'follow-status', 'data-testid': 'follow-status' },
      this.note,
      this.follow,
    );

    room.on('stateChanged', (modified) => {
      if (modified.broadcastState || modified.roomMembers) this.render();
      if (modified.cameraState && room.state.broadcastState.mode === 'follower') {
        const { centerX, centerY, scale } = modified.cameraState;
        camera.set({ centerX, centerY, scale }, 'remote');
      }
    });
    camera.onChange((origin) => {
      if (origin !== 'user') return;
      try {
        room.moveCamera(camera.view);
      } catch {
        // The room is closed: the view is this page's own business now.
      }
    });
    this.render();
  }

  render(): void {
    const { broadcastState } = this.room.state;
    const presenting = broadcastState.mode === 'broadcaster';
    this.present.hidden = !this.room.isWritable;
    this.present.setAttribute('aria-pressed', String(presenting));
    this.present.title = presenting ? 'Stop presenting' : 'Make everyone follow your view';
    const label = this.present.querySelector('.label');
    if (label) label.textContent = presenting ? 'Stop presenting' : 'Present';

    const presenter = broadcastState.broadcasterInformation;
    const someoneElse = broadcastState.broadcasterId !== undefined && !presenting;
    const name = presenter ? memberName(presenter.payload, presenter.memberId) : 'the presenter';
    this.follow.hidden = !someoneElse;
    this.follow.textContent = broadcastState.mode === 'follower' ? 'Stop following' : 'Follow';
    this.note.textContent = presenting
      ? 'Everyone follows your view.'
      : broadcastState.mode === 'follower'
        ? `You follow ${name}'s view.`
        : someoneElse
          ? `${name} is presenting.`
          : '';
    this.status.hidden = this.note.textContent === '';
  }

  private togglePresenting(): void {
    try {
      if (this.room.state.broadcastState.mode === 'broadcaster') {
        this.room.setViewMode('freedom');
      } else {
        this.room.setViewMode('broadcaster');
        this.room.moveCamera(this.camera.view);
      }
    } catch (error) {
      this.report(error);
    }
  }

  private toggleFollowing(): void {
    const following = this.room.state.broadcastState.mode === 'follower';
    this.room.setViewMode(following ? 'freedom' : 'follower');
  }
}
