import type { Board } from '@whiteroom/board';
import { embedImages } from './images.js';
import { pageSvg } from './page-svg.js';
import { PdfWriter } from './pdf.js';
import { svgToPng } from './raster.js';

export type ExportFormat = 'svg' | 'png' | 'pdf';

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  svg: 'image/svg+xml',
  png: 'image/png',
  pdf: 'application/pdf',
};

/** A finished export, not yet stored anywhere. */
export interface ExportResult {
  bytes: Buffer;
  format: ExportFormat;
  width: number;
  height: number;
  /** Pages in a PDF. */
  pages?: number;
  /** Image sources left out: not this server's uploads, or gone from the data folder. */
  omittedImages: string[];
}

export interface PageExportOptions {
  /** The page, such as `/init`. */
  path: string;
  width: number;
  height: number;
  format: 'svg' | 'png';
  /** The data folder's `uploads`, where images shown on the board are read from. */
  uploadsDir: string;
}

/** One page of a board as SVG or PNG; undefined when the board has no such page. */
export async function exportPage(
  board: Board,
  options: PageExportOptions,
): Promise<ExportResult | undefined> {
  if (!board.pagePaths().includes(options.path)) return undefined;
  const { width, height, format } = options;
  const elements = board.getElements(options.path);
  const images = await embedImages(elements, options.uploadsDir);
  const svg = pageSvg(elements, width, height, images.hrefs);
  const bytes = format === 'svg' ? Buffer.from(svg, 'utf8') : await svgToPng(svg);
  return { bytes, format, width, height, omittedImages: images.omitted };
}

export interface PdfExportOptions {
  /** The size each page is framed at, in CSS pixels. */
  width: number;
  height: number;
  uploadsDir: string;
  /** The document's title. */
  title: string;
  /** Told after each page, for progress bars. */
  onPage?: (done: number, total: number) => void;
}

/** The largest side, in pixels, of a page's picture inside a PDF. */
const MAX_PDF_RASTER_SIDE = 4096;

/**
 * Every page of a board, in page order, as one PDF page each. A page is the PNG picture of its
 * screenshot, drawn at twice the page size so that it stays sharp when printed or zoomed.
 */
export async function exportPdf(board: Board, options: PdfExportOptions): Promise<ExportResult> {
  const { width, height } = options;
  const scale = Math.min(2, MAX_PDF_RASTER_SIDE / Math.max(width, height));
  const paths = board.pagePaths();
  const pdf = new PdfWriter(options.title);
  const omitted = new Set<string>();

  for (const [index, path] of paths.entries()) {
    const elements = board.getElements(path);
    const images = await embedImages(elements, options.uploadsDir);
    for (const src of images.omitted) omitted.add(src);
    const svg = pageSvg(elements, width, height, images.hrefs);
    pdf.addPage(await svgToPng(svg, scale, true), width, height);
    options.onPage?.(index + 1, paths.length);
  }
  const bytes = await pdf.finish();
  return { bytes, format: 'pdf', width, height, pages: paths.length, omittedImages: [...omitted] };
}
