/**
 * `npm run bench:export`: how long an export of one page takes as SVG, PNG and PDF, on a page of
 * about a thousand pen strokes and on an empty one. It prints figures and asserts none; see
 * docs/performance.md.
 */
import { Board } from '@whiteroom/board';
import type { Element } from '@whiteroom/protocol';
import { exportPage, exportPdf, type ExportResult } from '../export/exporter.js';
import { exportFonts } from '../export/fonts.js';
import { describeMachine } from './machine.js';
import { formatTable, writeLine } from './report.js';

const WIDTH = 1280;
const HEIGHT = 720;
const STROKES = 1000;
const RUNS = 5;
const PDF_PAGES = 5;
const NO_UPLOADS = '/nonexistent';

/** A small seeded generator (mulberry32), so that every run draws the same page. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Pen strokes of 20 to 80 points, each turning gently like handwriting, spread over a
 * 3000 × 2000 board.
 */
function strokes(count: number, random: () => number, prefix = 's'): Element[] {
  const elements: Element[] = [];
  for (let i = 0; i < count; i++) {
    const points: number[] = [];
    let x = 0;
    let y = 0;
    let heading = random() * 2 * Math.PI;
    const length = 20 + Math.floor(random() * 60);
    for (let p = 0; p < length; p++) {
      heading += (random() - 0.5) * 0.6;
      x += Math.cos(heading) * 4;
      y += Math.sin(heading) * 4;
      points.push(Math.round(x * 10) / 10, Math.round(y * 10) / 10, 0.3 + random() * 0.5);
    }
    elements.push({
      id: `${prefix}${i}`,
      type: 'pencil',
      x: Math.round(random() * 3000),
      y: Math.round(random() * 2000),
      strokeColor: [Math.floor(random() * 200), 30, 120],
      strokeWidth: 2 + Math.floor(random() * 4),
      points,
    });
  }
  return elements;
}

function boardOf(pages: Element[][]): Board {
  const board = new Board();
  const names = pages.slice(1).map((_, index) => ({ name: `p${index + 2}` }));
  if (names.length > 0) board.apply({ type: 'putScenes', dir: '/', scenes: names });
  const paths = board.pagePaths();
  pages.forEach((elements, index) => {
    for (const element of elements) {
      const result = board.apply({
        type: 'addElement',
        scenePath: paths[index] as string,
        element,
      });
      if (!result.ok) throw new Error(result.message);
    }
  });
  return board;
}

/** The median time of a few runs, and the last result. */
async function time(
  run: () => Promise<ExportResult | undefined>,
): Promise<{ ms: number; result: ExportResult }> {
  const times: number[] = [];
  let result: ExportResult | undefined;
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    result = await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)] as number, result: result as ExportResult };
}

async function main(): Promise<void> {
  writeLine(`Whiteroom export benchmark, ${new Date().toISOString()}`);
  for (const line of describeMachine()) writeLine(line);
  const fonts = exportFonts();
  writeLine(`fonts: ${fonts.found ? (fonts.sansSerifFamily ?? 'system') : 'none found'}`);
  writeLine();

  const random = seeded(42);
  const full = boardOf([strokes(STROKES, random)]);
  const empty = new Board();
  const book = boardOf(
    Array.from({ length: PDF_PAGES }, (_, page) => strokes(STROKES, random, `p${page}s`)),
  );
  const page = { path: '/init', width: WIDTH, height: HEIGHT, uploadsDir: NO_UPLOADS };
  const pdf = { width: WIDTH, height: HEIGHT, uploadsDir: NO_UPLOADS, title: 'bench' };

  const rows: string[][] = [['export', 'ms per page', 'KiB per page']];
  const add = (name: string, ms: number, bytes: number, pages = 1) =>
    rows.push([name, (ms / pages).toFixed(1), (bytes / pages / 1024).toFixed(1)]);

  for (const [label, board] of [
    [`${STROKES} strokes`, full],
    ['empty page', empty],
  ] as const) {
    const svg = await time(() => exportPage(board, { ...page, format: 'svg' }));
    add(`SVG, ${label}`, svg.ms, svg.result.bytes.length);
    const png = await time(() => exportPage(board, { ...page, format: 'png' }));
    add(`PNG ${WIDTH}×${HEIGHT}, ${label}`, png.ms, png.result.bytes.length);
    const one = await time(() => exportPdf(board, pdf));
    add(`PDF of 1 page, ${label}`, one.ms, one.result.bytes.length);
  }
  const many = await time(() => exportPdf(book, pdf));
  add(
    `PDF of ${PDF_PAGES} pages, ${STROKES} strokes each`,
    many.ms,
    many.result.bytes.length,
    PDF_PAGES,
  );

  for (const line of formatTable(rows)) writeLine(line);
  writeLine();
  writeLine(`Median of ${RUNS} runs. PDF pages are PNG pictures at twice the page size.`);
}

await main();
