/** The process around a command: streams, environment, working directory (replaceable in tests). */
export interface OutStream {
  write(s: string): unknown;
  isTTY?: boolean;
}

export interface Io {
  stdout: OutStream;
  stderr: OutStream;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export function processIo(): Io {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
}

export function println(stream: OutStream, line = ''): void {
  stream.write(`${line}\n`);
}
