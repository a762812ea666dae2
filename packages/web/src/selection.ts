/** The ids of the selected elements, with listeners for the overlay and the toolbar. */
export class Selection {
  private ids = new Set<string>();
  private readonly listeners = new Set<() => void>();

  get size(): number {
    return this.ids.size;
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }

  values(): string[] {
    return [...this.ids];
  }

  set(ids: Iterable<string>): void {
    this.ids = new Set(ids);
    this.emit();
  }

  toggle(id: string): void {
    if (!this.ids.delete(id)) this.ids.add(id);
    this.emit();
  }

  clear(): void {
    if (this.ids.size === 0) return;
    this.ids.clear();
    this.emit();
  }

  /** Forgets ids that are no longer on the page (erased by someone, or the page changed). */
  keepOnly(present: (id: string) => boolean): void {
    const kept = [...this.ids].filter(present);
    if (kept.length !== this.ids.size) this.set(kept);
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
