/**
 * A private Redis for the tests that share rate limits through it: Debian's `redis-server`
 * (installed by .ci/run, or here as root, where missing), on a free loopback port, keeping nothing
 * on disk, stopped by the test file that started it.
 */
import { startDaemon, stopped, startOnFreePort } from './daemon';
import { findOrInstall } from './debian-package';

export interface TestRedis {
  url: string;
  /** Stops the server (SIGTERM) and waits for it to exit. */
  stop(): Promise<void>;
  /** Starts it again on the same port (after stop), empty. */
  restart(): Promise<void>;
}

const launch = (executable: string, port: number) =>
  startDaemon(executable, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'no'], /Ready to accept connections/);

export async function startRedis(): Promise<TestRedis> {
  const executable = await findOrInstall({ binary: 'redis-server', aptPackage: 'redis-server', neededFor: 'the shared rate-limit tests' });
  let port = 0;
  let child = await startOnFreePort((p) => launch(executable, (port = p)));
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: () => stopped(child),
    async restart() {
      await stopped(child);
      child = await launch(executable, port);
    },
  };
}
