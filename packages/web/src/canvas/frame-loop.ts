/**
 * One requestAnimationFrame loop for every layer: a frame runs only when something asked for one,
 * and every layer draws in the same frame, so that what moves from one layer to another (a stroke
 * that is finished) never flickers.
 */
export type FrameTask = (now: number) => boolean;

export class FrameLoop {
  private readonly tasks: FrameTask[] = [];
  private handle: number | undefined;

  /** Adds a task; it returns true while it animates and wants the next frame too. */
  add(task: FrameTask): void {
    this.tasks.push(task);
  }

  request(): void {
    this.handle ??= requestAnimationFrame((now) => this.run(now));
  }

  stop(): void {
    if (this.handle !== undefined) cancelAnimationFrame(this.handle);
    this.handle = undefined;
    this.tasks.length = 0;
  }

  private run(now: number): void {
    this.handle = undefined;
    let again = false;
    for (const task of this.tasks) again = task(now) || again;
    if (again) this.request();
  }
}
