import type { RoomMember } from '@whiteroom/protocol';
import type { Room } from '@whiteroom/sdk';
import { h, icon, replaceChildren } from './dom.js';
import { ICONS } from './icons.js';
import { memberColor, memberName } from './member-colors.js';

/** Who is in the room, by the names they gave, with who may draw and who presents. */
export class MembersPanel {
  readonly element: HTMLElement;
  private readonly list: HTMLUListElement;
  private readonly count: HTMLSpanElement;
  private readonly toggle: HTMLButtonElement;

  constructor(private readonly room: Room) {
    this.count = h('span', { class: 'member-count', 'data-testid': 'member-count' });
    this.toggle = h(
      'button',
      {
        type: 'button',
        class: 'members-toggle',
        'aria-expanded': 'true',
        'aria-controls': 'members-list',
        title: 'People in this room',
        'data-testid': 'members-toggle',
        onclick: () => this.setOpen(this.list.hidden),
      },
      icon(ICONS.people),
      h('span', {}, 'People'),
      this.count,
    );
    this.list = h('ul', {
      id: 'members-list',
      class: 'members-list',
      'aria-label': 'People in this room',
      'data-testid': 'members-list',
    });
    this.element = h(
      'section',
      { class: 'members-panel island', 'data-testid': 'members-panel' },
      this.toggle,
      this.list,
    );
    if (window.innerWidth < 700) this.setOpen(false);
  }

  render(): void {
    const { roomMembers, broadcastState } = this.room.state;
    this.count.textContent = String(roomMembers.length);
    const rows = roomMembers.map((member) => this.row(member, broadcastState.broadcasterId));
    replaceChildren(this.list, ...rows);
  }

  private row(member: RoomMember, broadcasterId: number | undefined): HTMLElement {
    const name = memberName(member.payload, member.memberId);
    const tags: string[] = [];
    if (member.memberId === this.room.memberId) tags.push('you');
    if (member.memberId === broadcasterId) tags.push('presenting');
    if (!member.isWritable) tags.push('viewing');
    return h(
      'li',
      {
        class: 'member',
        'data-testid': 'member',
        'data-member-id': member.memberId,
        'data-self': member.memberId === this.room.memberId,
      },
      h('span', {
        class: 'member-dot',
        style: `background: ${memberColor(member.memberId)}`,
        'aria-hidden': 'true',
      }),
      h('span', { class: 'member-name', 'data-testid': 'member-name' }, name),
      tags.length > 0 ? h('span', { class: 'member-tags' }, tags.join(', ')) : null,
    );
  }

  private setOpen(open: boolean): void {
    this.list.hidden = !open;
    this.toggle.setAttribute('aria-expanded', String(open));
  }
}
