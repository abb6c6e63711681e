/**
 * Programs the tests start as servers of their own (redis-server, pgbouncer): started and awaited until their log says they
 * are ready, their output read on so that a full pipe never stops them, and stopped with SIGTERM.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from '../../src/db/embedded';

/** Starts `executable` and resolves once its stdout or stderr matches `ready`; rejects with its output if it exits first or takes over 10 s. */
export function startDaemon(executable: string, args: string[], ready: RegExp): Promise<ChildProcess> {
  const child = spawn(executable, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const name = executable.split('/').pop();
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => fail(new Error(`${name} did not start within 10 s:\n${output}`)), 10_000);
    function fail(error: Error) {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    }
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (!ready.test(output)) return;
      clearTimeout(timer);
      child.stdout?.off('data', read);
      child.stderr?.off('data', read);
      child.off('exit', exited);
      child.stdout?.resume();
      child.stderr?.resume();
      resolve(child);
    };
    const exited = (code: number | null) => fail(new Error(`${name} exited (${code}) before it was ready:\n${output}`));
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('error', fail);
    child.once('exit', exited);
  });
}

/** SIGTERM, resolved once it has exited. */
export function stopped(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/**
 * Starts a daemon on a port freePort() found, and on another where the daemon finds it taken: between freePort() closing
 * the port and the daemon binding it, another test file's server or daemon can bind it (a pooler test failed so in CI).
 */
export async function startOnFreePort<T>(start: (port: number) => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    const port = await freePort();
    try {
      return await start(port);
    } catch (error) {
      if (attempt >= attempts || !/address already in use/i.test((error as Error).message)) throw error;
    }
  }
}
