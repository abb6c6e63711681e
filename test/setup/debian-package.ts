/**
 * Programs the tests take from Debian packages (chromium, redis-server), never downloaded by a test
 * tool: found where the package puts them or on PATH, or, where missing and the tests run as root
 * with apt-get, installed first (.ci/run installs them the same way before the tests).
 */
import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name: string): string | undefined {
  return (process.env.PATH ?? '')
    .split(path.delimiter)
    .filter(Boolean)
    .map((dir) => path.join(dir, name))
    .find(isExecutable);
}

/** `apt-get install` of one package (minutes, once); throws `howToInstall` where it cannot (not root, no apt-get). */
export async function installPackage(packageName: string, howToInstall: string): Promise<void> {
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

export interface SystemProgram {
  /** The executable's name: looked for at /usr/bin/<binary> or /usr/sbin/<binary>, where Debian's packages put them, then on PATH. */
  binary: string;
  aptPackage: string;
  /** Which tests need it, for the message when it cannot be had, e.g. 'the browser tests'. */
  neededFor: string;
  /** A variable that may name the executable instead; when set, it must be one (no search, no install). */
  envVar?: string;
}

/** The program's executable; where there is none and we run as root with apt-get, installs its package first. */
export async function findOrInstall(program: SystemProgram): Promise<string> {
  const { binary, aptPackage, neededFor, envVar } = program;
  const howToInstall =
    `${binary} is needed for ${neededFor} and was not found. Install Debian's package ` +
    `(sudo apt-get update && sudo apt-get install -y --no-install-recommends ${aptPackage})` +
    (envVar ? `, or set ${envVar} to its executable.` : '.');
  const configured = envVar ? process.env[envVar] : undefined;
  if (configured) {
    if (isExecutable(configured)) return configured;
    throw new Error(`${envVar}=${configured} is not an executable file. ${howToInstall}`);
  }
  // Debian puts daemons (pgbouncer) in /usr/sbin, which a user's PATH may not hold.
  const debianPath = [`/usr/bin/${binary}`, `/usr/sbin/${binary}`].find(isExecutable) ?? `/usr/bin/${binary}`;
  const find = () => [`/usr/bin/${binary}`, `/usr/sbin/${binary}`].find(isExecutable) ?? onPath(binary);
  const found = find();
  if (found) return found;

  await installPackage(aptPackage, howToInstall);
  const installed = find();
  if (!installed) throw new Error(`apt-get installed ${aptPackage}, but neither ${debianPath} nor ${binary} on PATH is there. ${howToInstall}`);
  console.log(`Installed ${binary} at ${installed}.`);
  return installed;
}
