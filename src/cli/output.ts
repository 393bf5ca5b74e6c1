/** Writing output files safely: through a temporary file and a rename, so a reader never sees half a file. */
import fs from 'node:fs';
import path from 'node:path';
import { CLI_TEXT as T } from '../messages/vi/cli';
import { EXIT, UserError } from './exit-codes';

export function writeOutput(file: string, data: string | Uint8Array): void {
  const abs = path.resolve(file);
  const tmp = path.join(path.dirname(abs), `.${path.basename(abs)}.${process.pid}.tmp`);
  try {
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, abs);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    const err = e as NodeJS.ErrnoException;
    const detail =
      err.code === 'EACCES' || err.code === 'EPERM'
        ? 'không có quyền ghi'
        : err.code === 'EBUSY'
          ? 'tệp đang được mở trong chương trình khác (hãy đóng Excel rồi chạy lại)'
          : err.code === 'ENOSPC'
            ? 'đầy ổ đĩa'
            : err.code === 'ENOTDIR' || err.code === 'EEXIST'
              ? 'đường dẫn không phải thư mục'
              : String(err.message ?? e);
    throw new UserError(T.writeFailed(file, detail), EXIT.usage);
  }
}
