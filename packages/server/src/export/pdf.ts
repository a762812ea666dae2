import PDFDocument from 'pdfkit';

/** PDF points per CSS pixel: a 1280 × 720 picture is a 960 × 540 pt (13.3 × 7.5 in) page. */
export const POINTS_PER_PIXEL = 0.75;

/**
 * A PDF built page by page from PNG pictures, each on a page of its own size. Pages are written
 * out as they are added, so a long room is never held as a whole set of pictures.
 */
export class PdfWriter {
  private readonly document: PDFKit.PDFDocument;
  private readonly chunks: Buffer[] = [];
  private readonly done: Promise<Buffer>;

  constructor(title: string) {
    this.document = new PDFDocument({
      autoFirstPage: false,
      margin: 0,
      info: { Title: title, Producer: 'Whiteroom', Creator: 'Whiteroom' },
    });
    this.done = new Promise((resolve, reject) => {
      this.document.on('data', (chunk: Buffer) => this.chunks.push(chunk));
      this.document.on('end', () => resolve(Buffer.concat(this.chunks)));
      this.document.on('error', reject);
    });
  }

  /** Adds a page showing `png` at `width` × `height` pixels. */
  addPage(png: Buffer, width: number, height: number): void {
    const size: [number, number] = [width * POINTS_PER_PIXEL, height * POINTS_PER_PIXEL];
    this.document.addPage({ size, margin: 0 });
    this.document.image(png, 0, 0, { width: size[0], height: size[1] });
  }

  /** Finishes the document. */
  finish(): Promise<Buffer> {
    this.document.end();
    return this.done;
  }
}
