/**
 * A private Redis for the tests that share rate limits through it: Debian's `redis-server`
 * (installed by .ci/run, or here as root, where missing), on a free loopback port, keeping nothing
 * on disk, stopped by the test file that started it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from '../../src/db/embedded';
import { findOrInstall } from './debian-package';

export interface TestRedis {
  url: string;
  /** Stops the server (SIGTERM) and waits for it to exit. */
  stop(): Promise<void>;
  /** Starts it again on the same port (after stop), empty. */
  restart(): Promise<void>;
}

function launch(executable: string, port: number): Promise<ChildProcess> {
  const child = spawn(executable, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'no'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => fail(new Error(`redis-server did not start within 10 s:\n${output}`)), 10_000);
    function fail(error: Error) {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    }
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        child.stdout?.off('data', read);
        child.stdout?.resume();
        resolve(child);
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', fail);
    child.once('exit', (code) => fail(new Error(`redis-server exited (${code}) before it was ready:\n${output}`)));
  });
}

function stopped(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

export async function startRedis(): Promise<TestRedis> {
  const executable = await findOrInstall({ binary: 'redis-server', aptPackage: 'redis-server', neededFor: 'the shared rate-limit tests' });
  const port = await freePort();
  let child = await launch(executable, port);
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: () => stopped(child),
    async restart() {
      await stopped(child);
      child = await launch(executable, port);
    },
  };
}
