import type { SceneDescription } from '@whiteroom/protocol';

/** Folder → its pages in order. A folder exists while it holds a page, directly or below. */
export type SceneTree = Record<string, SceneDescription[]>;

export function joinPath(dir: string, name: string): string {
  return dir === '/' ? `/${name}` : `${dir}/${name}`;
}

/** `/a/b` → `{ dir: '/a', name: 'b' }`. */
export function splitPath(path: string): { dir: string; name: string } {
  const cut = path.lastIndexOf('/');
  return { dir: cut === 0 ? '/' : path.slice(0, cut), name: path.slice(cut + 1) };
}

/**
 * Every page path of the tree, folder by folder in the order of their paths (the root first), so
 * that the order depends on the tree alone and not on the history that built it.
 */
export function allPagePaths(tree: SceneTree): string[] {
  return Object.keys(tree)
    .sort()
    .flatMap((dir) => (tree[dir] ?? []).map((scene) => joinPath(dir, scene.name)));
}

export function hasPage(tree: SceneTree, path: string): boolean {
  const { dir, name } = splitPath(path);
  return tree[dir]?.some((scene) => scene.name === name) ?? false;
}

/** True when some page lives in `dir` or below it. */
export function isFolder(tree: SceneTree, dir: string): boolean {
  if (dir === '/') return true;
  return Object.keys(tree).some((key) => key === dir || key.startsWith(`${dir}/`));
}

/** Folders from the root down to `dir`, excluding the root: `/a/b` → `['/a', '/a/b']`. */
export function ancestorsOf(dir: string): string[] {
  if (dir === '/') return [];
  const parts = dir.split('/').slice(1);
  return parts.map((_, i) => `/${parts.slice(0, i + 1).join('/')}`);
}
