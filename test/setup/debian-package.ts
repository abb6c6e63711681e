/**
 * Programs the tests take from Debian packages (chromium, redis-server), never downloaded by a test
 * tool: found on PATH, or, where missing and the tests run as root with apt-get, installed first.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

export function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function onPath(name: string): string | undefined {
  return (process.env.PATH ?? '')
    .split(path.delimiter)
    .filter(Boolean)
    .map((dir) => path.join(dir, name))
    .find(isExecutable);
}

/** `apt-get install` of one package (minutes, once); throws `howToInstall` where it cannot (not root, no apt-get). */
export async function aptInstall(packageName: string, howToInstall: string): Promise<void> {
  const aptGet = onPath('apt-get');
  if (!aptGet || process.getuid?.() !== 0) throw new Error(howToInstall);
  console.log(`${packageName} not found: installing Debian's ${packageName} package (apt-get install ${packageName})…`);
  const run = promisify(execFile);
  const options = { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, maxBuffer: 64 * 1024 * 1024 };
  try {
    await run(aptGet, ['update'], options);
    await run(aptGet, ['install', '-y', '--no-install-recommends', packageName], options);
  } catch (err) {
    throw new Error(`Installing ${packageName} with apt-get failed: ${(err as Error).message}\n${howToInstall}`);
  }
}
