import { randomBytes } from 'node:crypto';
import { mkdir, readdir, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CONTENT_TYPES, type ExportFormat } from './exporter.js';

/** How long an exported file is served after it was made. */
export const EXPORT_LIFETIME_MS = 24 * 60 * 60 * 1000;

/** A stored export's name: 128 random bits and the format. */
export const EXPORT_NAME = /^[0-9a-f]{32}\.(svg|png|pdf)$/;

export interface StoredExport {
  file: string;
  size: number;
  contentType: string;
}

/**
 * Exported files in the data folder's `exports`, named by random ids. Whoever has the name may
 * fetch the file, as with a signed URL: 128 random bits cannot be guessed, and the file is gone a
 * day later. Expired files are refused at once and deleted when the next export is saved.
 */
export class ExportStore {
  private sweeping: Promise<void> | undefined;

  constructor(
    readonly dir: string,
    private readonly lifetimeMs = EXPORT_LIFETIME_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Stores a file and returns its name. */
  async save(bytes: Buffer, format: ExportFormat): Promise<string> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const name = `${randomBytes(16).toString('hex')}.${format}`;
    await writeFile(path.join(this.dir, name), bytes, { mode: 0o600, flag: 'wx' });
    this.sweeping ??= this.sweep().finally(() => (this.sweeping = undefined));
    return name;
  }

  /** A stored file that has not expired, or undefined. */
  async open(name: string): Promise<StoredExport | undefined> {
    if (!EXPORT_NAME.test(name)) return undefined;
    const file = path.join(this.dir, name);
    const found = await stat(file).catch(() => undefined);
    if (!found?.isFile() || this.expired(found.mtimeMs)) return undefined;
    const format = name.slice(name.lastIndexOf('.') + 1) as ExportFormat;
    return { file, size: found.size, contentType: CONTENT_TYPES[format] };
  }

  /** Deletes expired files. */
  async sweep(): Promise<void> {
    const names = await readdir(this.dir).catch(() => []);
    for (const name of names) {
      if (!EXPORT_NAME.test(name)) continue;
      const file = path.join(this.dir, name);
      const found = await stat(file).catch(() => undefined);
      if (found && this.expired(found.mtimeMs)) await unlink(file).catch(() => undefined);
    }
  }

  private expired(madeAt: number): boolean {
    return this.now() - madeAt > this.lifetimeMs;
  }
}
