/** `npm run bench -- [options]`: what to measure, and how long. Every option also has an environment variable. */
import { parseScaleArgument } from '../seeds/scale/plan';
import { SYSTEMS, type System } from './queries';

export interface BenchOptions {
  scale: number;
  /** --national: every province at scale N (seeds/scale/plan.ts), not Jiangsu alone. */
  national: boolean;
  only: number[];
  /** Measure writes too (bench/writes.ts): `W` in --only, part of the default. */
  writes: boolean;
  systems: System[];
  rounds: number;
  connections: number;
  duration: number;
  warmup: number;
  latencyDuration: number;
  poolSize: number;
  fresh: boolean;
  cache: boolean;
  profile: boolean;
  sql: boolean;
  caller: 'analyst' | 'anonymous';
  apiLogLevel: string;
}

export const USAGE = `npm run bench -- [options]
  --scale N             data set size (default 10; BENCH_SCALE); the data dir .data/bench/scale-N is reused
  --national            every province at scale N (npm run seed -- --national), in .data/bench/national-scale-N
  --only 2,3            queries to run (default all: 1-6 and W, the writes of bench/writes.ts; BENCH_ONLY)
  --systems api,raw     systems to run: api, raw, lean, apollo, postgraphile (default all; BENCH_SYSTEMS)
  --duration S          seconds of load per query and system (default 10; BENCH_DURATION)
  --rounds R            measure each query R times, interleaving the systems, and report the median (default 1;
                        BENCH_ROUNDS): steadier numbers on a busy machine
  --connections C       concurrent connections in that run (default 10; BENCH_CONNECTIONS)
  --warmup S            seconds of warm-up before it (default 3; BENCH_WARMUP)
  --latency-duration S  seconds of the one-connection run (default 5; BENCH_LATENCY_DURATION)
  --pool N              database connections per server (default 10; BENCH_POOL)
  --fresh               rebuild the data dir (after a change to seeds/scale)
  --cache               let the API answer aggregates from its response cache (default: a varying
                        unused variable makes every request a cache miss, as the others have no cache)
  --profile             CPU-profile each server during each timed run: bench/results/profiles/
                        (.cpuprofile for Chrome DevTools, and a .txt summary of self time)
  --sql                 print the SQL each server ran for one request of each query, with times (always in the .json)
  --caller C            analyst (default: NODE_ENV=production, an ANALYST key on every request, as BI tools send) or
                        anonymous (NODE_ENV=development, no key); BENCH_CALLER
  --api-log-level L     the API's LOG_LEVEL (default warn: per-request logs off; BENCH_API_LOG_LEVEL)`;

/** `--name value` or `--name=value` of the command line, else `fallback` (the small bench scripts' options). */
export function argument(name: string, fallback: string, argv: string[] = process.argv): string {
  return value(argv, name, undefined) ?? fallback;
}

function value(argv: string[], name: string, env: string | undefined): string | undefined {
  const at = argv.findIndex((a) => a === name || a.startsWith(`${name}=`));
  if (at < 0) return env || undefined;
  return argv[at].includes('=') ? argv[at].slice(name.length + 1) : argv[at + 1];
}

function positive(raw: string | undefined, name: string, fallback: number, min = 1): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min) throw new Error(`${name} needs a number ≥ ${min}, got '${raw}'`);
  return n;
}

export function parseOptions(argv: string[], env: NodeJS.ProcessEnv = process.env): BenchOptions {
  const known = new Set(['--scale', '--only', '--systems', '--duration', '--connections', '--warmup', '--latency-duration', '--pool', '--rounds',
    '--fresh', '--national', '--cache', '--profile', '--sql', '--caller', '--api-log-level', '--help']);
  const unknown = argv.filter((a) => a.startsWith('--') && !known.has(a.split('=')[0]));
  if (unknown.length) throw new Error(`unknown option ${unknown.join(', ')}\n${USAGE}`);
  const scaleRaw = value(argv, '--scale', env.BENCH_SCALE);
  const chosen = (value(argv, '--only', env.BENCH_ONLY) ?? '1,2,3,4,5,6,W').split(',').map((q) => q.trim().toUpperCase());
  const only = chosen.filter((q) => q !== 'W').map(Number);
  if (only.some((q) => !Number.isInteger(q) || q < 1 || q > 6)) throw new Error(`--only takes query numbers 1-6 and W (writes), e.g. --only 2,3`);
  const systems = (value(argv, '--systems', env.BENCH_SYSTEMS) ?? SYSTEMS.join(',')).split(',') as System[];
  if (systems.some((s) => !SYSTEMS.includes(s))) throw new Error(`--systems takes ${SYSTEMS.join(', ')}`);
  const caller = value(argv, '--caller', env.BENCH_CALLER) ?? 'analyst';
  if (caller !== 'analyst' && caller !== 'anonymous') throw new Error(`--caller takes analyst or anonymous, got '${caller}'`);
  return {
    caller,
    scale: scaleRaw === undefined ? 10 : parseScaleArgument(['--scale', scaleRaw])!,
    only,
    writes: chosen.includes('W'),
    systems: SYSTEMS.filter((s) => systems.includes(s)),
    rounds: positive(value(argv, '--rounds', env.BENCH_ROUNDS), '--rounds', 1),
    connections: positive(value(argv, '--connections', env.BENCH_CONNECTIONS), '--connections', 10),
    duration: positive(value(argv, '--duration', env.BENCH_DURATION), '--duration', 10),
    warmup: positive(value(argv, '--warmup', env.BENCH_WARMUP), '--warmup', 3, 0),
    latencyDuration: positive(value(argv, '--latency-duration', env.BENCH_LATENCY_DURATION), '--latency-duration', 5),
    poolSize: positive(value(argv, '--pool', env.BENCH_POOL), '--pool', 10),
    fresh: argv.includes('--fresh'),
    national: argv.includes('--national'),
    cache: argv.includes('--cache'),
    profile: argv.includes('--profile'),
    sql: argv.includes('--sql'),
    apiLogLevel: value(argv, '--api-log-level', env.BENCH_API_LOG_LEVEL) ?? 'warn',
  };
}
