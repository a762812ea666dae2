import type { ShapeType } from '@whiteroom/protocol';
import type { Room } from '@whiteroom/sdk';
import { canvasMeasurer, unionBounds } from '@whiteroom/render';
import { historyButtons, pageActions } from './action-bar.js';
import { BoardStore } from './board-store.js';
import { Camera } from './camera.js';
import { createBoardLayers } from './canvas/board-layers.js';
import type { ContentLayer } from './canvas/content-layer.js';
import { FrameLoop } from './canvas/frame-loop.js';
import { paintGrid } from './canvas/grid.js';
import { ImageCache } from './canvas/image-cache.js';
import type { OverlayLayer } from './canvas/overlay-layer.js';
import { confirmAction } from './confirm-dialog.js';
import { h } from './dom.js';
import { exportPng, exportSvg } from './export.js';
import { FollowControls } from './follow.js';
import { ImageInserter } from './insert-image.js';
import { bindKeyboard } from './keyboard.js';
import { LaserTrails } from './laser-trails.js';
import { MembersPanel } from './members-panel.js';
import { actionErrorMessage, rejectionMessage } from './messages.js';
import { PagesPanel } from './pages-panel.js';
import { PointerInput } from './pointer-input.js';
import { PresenceView } from './presence-view.js';
import { Selection } from './selection.js';
import { sharePanel } from './share-panel.js';
import { StatusBanner } from './status-banner.js';
import { StyleState, PALETTE, type DrawingStyle } from './style.js';
import { StylePanel } from './style-panel.js';
import { TextEditor } from './text-editor.js';
import { Toasts } from './toast.js';
import { TOOLS, Toolbar } from './toolbar.js';
import { createTools } from './tools/index.js';
import type { Tool, ToolContext, ToolName } from './tools/tool.js';
import { exposeTestHook } from './test-hook.js';
import { zoomControls } from './zoom-controls.js';

function initialStyle(room: Room): DrawingStyle {
  const member = room.state.memberState;
  const shapeType = member.shapeType;
  return {
    color: (PALETTE[0] as (typeof PALETTE)[number]).color,
    width:
      typeof member.strokeWidth === 'number' && member.strokeWidth > 0 ? member.strokeWidth : 4,
    shapeType: (['triangle', 'rhombus', 'pentagram', 'speechBalloon'] as const).includes(
      shapeType as ShapeType,
    )
      ? (shapeType as ShapeType)
      : 'triangle',
    fill: false,
    textSize: 24,
    bold: false,
    italic: false,
  };
}

/**
 * The room page once joined: the board's two canvases, the tools, and the panels around them,
 * wired to the room.
 */
export class Whiteboard {
  readonly element: HTMLElement;
  readonly banner = new StatusBanner();
  private readonly room: Room;
  private readonly camera = new Camera();
  private readonly store: BoardStore;
  private readonly loop = new FrameLoop();
  private readonly surface: HTMLElement;
  private readonly overlayCanvas: HTMLCanvasElement;
  private readonly content: ContentLayer;
  private readonly overlay: OverlayLayer;
  private readonly style: StyleState;
  private readonly selection = new Selection();
  private readonly toasts = new Toasts();
  private readonly toolbar: Toolbar;
  private readonly stylePanel: StylePanel;
  private readonly pages: PagesPanel;
  private readonly members: MembersPanel;
  private readonly follow: FollowControls;
  private readonly input: PointerInput;
  private readonly images = new ImageCache();
  private readonly tools: Record<ToolName, Tool>;
  private tool: Tool;
  private writable: boolean;
  private scenePath: string;

  constructor(room: Room, roomToken: string) {
    this.room = room;
    const measureCanvas = document.createElement('canvas').getContext('2d');
    if (!measureCanvas) throw new Error('this browser gave no 2D canvas');
    this.store = new BoardStore(room, canvasMeasurer(measureCanvas));
    this.style = new StyleState(initialStyle(room));
    this.writable = room.isWritable;
    this.scenePath = room.state.sceneState.scenePath;

    const layers = createBoardLayers({
      store: this.store,
      camera: this.camera,
      images: this.images,
      loop: this.loop,
      role: 'application',
      label: 'Whiteboard',
    });
    this.surface = layers.element;
    this.overlayCanvas = layers.overlayCanvas;
    this.content = layers.content;
    this.overlay = layers.overlay;

    const report = (error: unknown): void => this.toasts.show(actionErrorMessage(error));
    const laser = new LaserTrails();
    const textEditor = new TextEditor(
      this.surface,
      room,
      this.store,
      this.camera,
      this.style,
      report,
    );
    const context: ToolContext = {
      room,
      store: this.store,
      camera: this.camera,
      style: this.style,
      selection: this.selection,
      painter: layers.painter,
      textEditor,
      laser,
      redrawOverlay: () => this.overlay.invalidate(),
      setCursor: (cursor) => (this.overlayCanvas.style.cursor = cursor),
      report,
    };
    this.tools = createTools(context);
    this.tool = this.tools[this.writable ? 'pencil' : 'hand'];

    this.overlay.add({ paint: (frame) => this.tool.paint?.(frame) });
    this.overlay.add(laser);
    this.overlay.add(new PresenceView(room, laser, () => this.overlay.invalidate()));

    this.toolbar = new Toolbar((name) => this.selectTool(name));
    this.stylePanel = new StylePanel(this.style);
    this.pages = new PagesPanel(room, report);
    this.members = new MembersPanel(room);
    this.follow = new FollowControls(room, this.camera, report);
    this.banner.addStatus(this.follow.status);
    this.input = new PointerInput(this.overlayCanvas, this.camera, room, () => this.tool);
    const inserter = new ImageInserter(room, this.camera, roomToken, (message) =>
      this.toasts.show(message),
    );

    const actions = {
      undo: () => this.guard(() => room.undo()),
      redo: () => this.guard(() => room.redo()),
      clearPage: () => {
        void confirmAction('Clear this page for everyone?', 'Clear the page').then((confirmed) => {
          if (confirmed) this.guard(() => room.cleanCurrentScene());
        });
      },
      exportPng: () => void this.exportPng(),
      exportSvg: () =>
        exportSvg(this.store.elements(), this.store.measure, `${this.fileName()}.svg`),
    };

    this.element = h(
      'div',
      { class: 'room', 'data-testid': 'room' },
      this.surface,
      h(
        'header',
        { class: 'top-bar' },
        h('a', { class: 'brand island', href: '/', title: 'Whiteroom: start page' }, 'Whiteroom'),
        this.toolbar.element,
        h(
          'div',
          { class: 'top-right' },
          this.follow.presentButton,
          sharePanel(room.uuid, roomToken),
        ),
      ),
      this.banner.element,
      this.stylePanel.element,
      this.members.element,
      h(
        'footer',
        { class: 'bottom-bar' },
        h(
          'div',
          { class: 'bottom-left' },
          historyButtons(actions),
          zoomControls(this.camera, this.store),
        ),
        this.pages.element,
        pageActions(actions, inserter.element),
      ),
      this.toasts.element,
      this.banner.ended,
    );

    this.wireRoom();
    this.wireView(inserter);
    bindKeyboard({
      selectTool: (name) => this.selectTool(name),
      currentTool: () => this.tool,
      undo: actions.undo,
      redo: actions.redo,
      setSpaceHeld: (held) => {
        this.input.spaceHeld = held;
        this.overlayCanvas.style.cursor = held ? 'grab' : this.tool.cursor;
      },
    });
    exposeTestHook(room, this.camera, this.surface);
    this.applyWritable();
    this.selectTool(this.tool.name);
  }

  /** Called once the element is in the document: sizes the canvases and shows the page. */
  start(): void {
    const observer = new ResizeObserver(() => this.resize());
    observer.observe(this.surface);
    this.resize();
    if (this.room.state.broadcastState.mode === 'follower') {
      const { centerX, centerY, scale } = this.room.state.cameraState;
      this.camera.set({ centerX, centerY, scale }, 'remote');
    } else {
      this.fitPage();
    }
    this.overlayCanvas.focus({ preventScroll: true });
  }

  /** The room is over for this person. */
  end(message: string): void {
    this.input.cancel();
    this.banner.showEnded(message);
  }

  selectTool(name: ToolName): void {
    const spec = TOOLS.find((tool) => tool.name === name);
    if (!spec || (spec.draws && !this.writable)) return;
    if (this.tool.name !== name) {
      this.input.cancel();
      if (this.tool.name === 'selector') this.selection.clear();
    }
    this.tool = this.tools[name];
    this.toolbar.setActive(name);
    this.stylePanel.showFor(name, this.writable);
    this.overlayCanvas.style.cursor = this.tool.cursor;
    this.overlay.invalidate();
    this.shareStyle({ currentApplianceName: name });
  }

  private wireRoom(): void {
    const { room } = this;
    room.on('boardChanged', () => {
      this.loop.request();
      this.overlay.invalidate();
      if (this.selection.size > 0) {
        const present = new Set(this.store.elements().map((element) => element.id));
        this.selection.keepOnly((id) => present.has(id));
      }
    });
    room.on('stateChanged', (modified) => {
      if (modified.sceneState) {
        this.pages.render(modified.sceneState, this.writable);
        if (modified.sceneState.scenePath !== this.scenePath) {
          this.scenePath = modified.sceneState.scenePath;
          this.input.cancel();
          this.selection.clear();
        }
      }
      if (modified.roomMembers || modified.broadcastState) this.members.render();
      if (modified.roomMembers && room.isWritable !== this.writable) {
        this.writable = room.isWritable;
        this.applyWritable();
      }
    });
    room.on('phaseChanged', (phase) => this.banner.setPhase(phase));
    room.on('rejected', (rejection) =>
      this.toasts.show(rejectionMessage(rejection.code, rejection.op.type)),
    );
    this.style.onChange((style) => {
      this.toolbar.setShape(style.shapeType);
      this.shareStyle({
        strokeColor: style.color,
        strokeWidth: style.width,
        textSize: style.textSize,
        shapeType: style.shapeType,
      });
    });
    this.selection.onChange(() => this.overlay.invalidate());
    this.store.onChange(() => {
      this.loop.request();
      this.overlay.invalidate();
    });

    this.banner.setPhase(room.phase);
    this.pages.render(room.state.sceneState, this.writable);
    this.members.render();
    this.toolbar.setShape(this.style.value.shapeType);
  }

  private wireView(inserter: ImageInserter): void {
    this.camera.onChange(() => {
      this.loop.request();
      this.overlay.invalidate();
      paintGrid(this.surface, this.camera);
    });
    this.images.onLoad(() => this.content.invalidate());
    window.addEventListener('resize', () => this.resize());

    // Images pasted or dropped onto the board.
    document.addEventListener('paste', (event) => {
      const file = Array.from(event.clipboardData?.files ?? []).find((f) =>
        f.type.startsWith('image/'),
      );
      if (file && this.writable) {
        event.preventDefault();
        void inserter.insertFile(file);
      }
    });
    this.surface.addEventListener('dragover', (event) => event.preventDefault());
    this.surface.addEventListener('drop', (event) => {
      event.preventDefault();
      const file = Array.from(event.dataTransfer?.files ?? []).find((f) =>
        f.type.startsWith('image/'),
      );
      if (file && this.writable) void inserter.insertFile(file);
    });
  }

  private resize(): void {
    const rect = this.surface.getBoundingClientRect();
    const pixelRatio = window.devicePixelRatio || 1;
    this.camera.setSize(rect.width, rect.height);
    this.content.resize(rect.width, rect.height, pixelRatio);
    this.overlay.resize(rect.width, rect.height, pixelRatio);
    this.room.setViewSize(Math.round(rect.width), Math.round(rect.height));
    paintGrid(this.surface, this.camera);
  }

  private fitPage(): void {
    const elements = this.store.elements();
    if (elements.length === 0) return;
    const bounds = unionBounds(elements.map((element) => this.store.bounds(element)));
    if (bounds) this.camera.fit(bounds, 64);
  }

  private applyWritable(): void {
    this.toolbar.setWritable(this.writable);
    this.banner.setReadOnly(!this.writable);
    this.follow.render();
    for (const element of Array.from(
      this.element.querySelectorAll<HTMLElement>('[data-writer-only]'),
    )) {
      element.hidden = !this.writable;
    }
    this.pages.render(this.room.state.sceneState, this.writable);
    if (!this.writable && TOOLS.find((tool) => tool.name === this.tool.name)?.draws) {
      this.input.cancel();
      this.tool = this.tools.hand;
    }
    this.selectTool(this.tool.name);
  }

  private shareStyle(partial: Parameters<Room['setMemberState']>[0]): void {
    if (!this.writable) return;
    try {
      this.room.setMemberState(partial);
    } catch {
      // The room has ended; the style only matters here now.
    }
  }

  private guard(action: () => void): void {
    try {
      action();
    } catch (error) {
      this.toasts.show(actionErrorMessage(error));
    }
  }

  private fileName(): string {
    const { index } = this.room.state.sceneState;
    return `whiteroom-${this.room.uuid.slice(0, 8)}-page-${index + 1}`;
  }

  private async exportPng(): Promise<void> {
    const problem = await exportPng(
      this.store.elements(),
      this.store.measure,
      this.images,
      `${this.fileName()}.png`,
    );
    if (problem) this.toasts.show(problem);
  }
}
