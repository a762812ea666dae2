export { Board, DEFAULT_BOARD_LIMITS } from './board.js';
export type {
  ApplyOptions,
  ApplyResult,
  BoardLimits,
  BoardSnapshot,
  ChangeScope,
  PageSnapshot,
  SceneState,
} from './board.js';
export { allPagePaths, joinPath, splitPath } from './scenes.js';
export type { SceneTree } from './scenes.js';
