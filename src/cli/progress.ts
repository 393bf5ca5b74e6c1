/**
 * "Đang đọc 12/130 tệp…" on stderr while reading many files. Shown only when there are
 * more than PROGRESS_MIN_FILES files, and only on a terminal unless --progress is given
 * (then one line per ~10 %, so logs stay short).
 */
import { CLI_TEXT as T } from '../messages/vi/cli';

export const PROGRESS_MIN_FILES = 10;

export interface ProgressStream {
  write(s: string): unknown;
  isTTY?: boolean;
}

export class Progress {
  private readonly enabled: boolean;
  private readonly tty: boolean;
  private readonly step: number;
  private last = 0;

  constructor(
    private readonly total: number,
    force: boolean,
    private readonly stream: ProgressStream = process.stderr,
  ) {
    this.tty = Boolean(stream.isTTY);
    this.enabled = total > PROGRESS_MIN_FILES && (this.tty || force);
    this.step = Math.max(1, Math.ceil(total / 10));
  }

  update(done: number): void {
    if (!this.enabled) return;
    if (this.tty) {
      this.stream.write(`\r${T.progress(done, this.total)}\x1b[K`);
    } else if (done === this.total || done - this.last >= this.step) {
      this.last = done;
      this.stream.write(`${T.progress(done, this.total)}\n`);
    }
  }

  finish(): void {
    if (this.enabled && this.tty) this.stream.write('\r\x1b[K');
  }
}
