import { readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

/** What the rasteriser is told about fonts; the same for every picture of a process. */
export interface ExportFonts {
  /** Folders of font files beside the system's (`WHITEROOM_FONT_DIR`). */
  fontDirs: string[];
  /** The family drawn for `sans-serif`, the last of the board's font list; undefined if none. */
  sansSerifFamily: string | undefined;
  /** Whether any font file was found. Without one, text is left out of PNG and PDF exports. */
  found: boolean;
}

/**
 * Sans-serif families the board's text is drawn in when the machine has them, most like the
 * browsers' system fonts first. The file names are those the families ship under.
 */
const FAMILIES = [
  { family: 'DejaVu Sans', file: /^DejaVuSans(-Bold|-Oblique|-BoldOblique)?\.ttf$/ },
  { family: 'Liberation Sans', file: /^LiberationSans-(Regular|Bold|Italic|BoldItalic)\.ttf$/ },
  { family: 'Noto Sans', file: /^NotoSans-(Regular|Bold|Italic|BoldItalic)\.[ot]tf$/ },
  { family: 'Arial', file: /^arial\.ttf$/i },
  { family: 'Helvetica', file: /^Helvetica\.ttc$/ },
];

const FONT_FILE = /\.(ttf|otf|ttc)$/i;

/** Where the rasteriser looks for the system's fonts (fontdb's folders, Linux, macOS, Windows). */
function systemFontDirs(): string[] {
  return [
    '/usr/share/fonts',
    '/usr/local/share/fonts',
    path.join(homedir(), '.fonts'),
    path.join(homedir(), '.local/share/fonts'),
    '/Library/Fonts',
    '/System/Library/Fonts',
    path.join(process.env.WINDIR ?? 'C:\\Windows', 'Fonts'),
  ];
}

/** Font file names under a folder, a few levels deep; a missing folder has none. */
function fontFileNames(dir: string, depth = 4): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const names: string[] = [];
  for (const entry of entries) {
    if (entry.isDirectory() && depth > 0) {
      names.push(...fontFileNames(path.join(dir, entry.name), depth - 1));
    } else if (FONT_FILE.test(entry.name)) {
      names.push(entry.name);
    }
  }
  return names;
}

let cached: ExportFonts | undefined;

/**
 * The fonts of this machine, looked up once. `WHITEROOM_FONT_DIR` adds a folder of font files,
 * for machines (slim containers) that have none.
 */
export function exportFonts(): ExportFonts {
  if (cached) return cached;
  const extra = process.env.WHITEROOM_FONT_DIR;
  const fontDirs = extra ? [path.resolve(extra)] : [];
  const names = [...fontDirs, ...systemFontDirs()].flatMap((dir) => fontFileNames(dir));
  const family = FAMILIES.find((candidate) => names.some((name) => candidate.file.test(name)));
  cached = { fontDirs, sansSerifFamily: family?.family, found: names.length > 0 };
  return cached;
}
