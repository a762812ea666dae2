import { promisify } from 'node:util';
import { crc32, deflate } from 'node:zlib';

const deflateAsync = promisify(deflate);

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(data, crc32(head.subarray(4))), 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * RGBA pixels on an opaque background as an RGB PNG. A PDF takes an RGB PNG's compressed rows as
 * they are, where an RGBA one has to be decoded in JavaScript to split its alpha off: for a page
 * picture that halves the time a PDF page takes. Compression runs on libuv's thread pool.
 */
export async function opaquePng(rgba: Buffer, width: number, height: number): Promise<Buffer> {
  const rowBytes = width * 3 + 1;
  const rows = Buffer.alloc(rowBytes * height);
  for (let y = 0; y < height; y++) {
    // Each row starts with its filter type, 0 (none); zlib finds the repeats by itself.
    let to = y * rowBytes + 1;
    let from = y * width * 4;
    for (let x = 0; x < width; x++, from += 4, to += 3) {
      rows[to] = rgba[from] as number;
      rows[to + 1] = rgba[from + 1] as number;
      rows[to + 2] = rgba[from + 2] as number;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per channel
  header[9] = 2; // truecolour, no alpha
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', await deflateAsync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
