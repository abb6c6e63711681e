// Preloaded (`node -r bench/probe.cjs`) into every server the bench starts, whatever its Node version:
// counts SQL statements sent through `pg` (the copy named by BENCH_PG_MODULE, the one the server uses),
// and answers the bench over the IPC channel: statement count and memory, and a CPU profile of a
// chosen span (inspector), so that start-up and warm-up stay out of it. Only the bench loads it.
'use strict';
const { writeFileSync } = require('node:fs');
const inspector = require('node:inspector');
const pg = require(process.env.BENCH_PG_MODULE || 'pg');

let statements = 0;
// While recording (between 'sql-start' and 'sql-stop'), each statement's text and time to its answer.
let recorded = null;
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function countedQuery(...args) {
  statements += 1;
  if (!recorded) return query.apply(this, args);
  const entry = { text: String(typeof args[0] === 'string' ? args[0] : args[0]?.text ?? '(stream)').replace(/\s+/g, ' ').slice(0, 2000), ms: null };
  recorded.push(entry);
  const started = process.hrtime.bigint();
  const done = () => { entry.ms = Number(process.hrtime.bigint() - started) / 1e6; };
  const last = args.length - 1;
  if (typeof args[last] === 'function') {
    const callback = args[last];
    args[last] = function timed(...results) { done(); return callback.apply(this, results); };
  }
  const result = query.apply(this, args);
  if (result && typeof result.then === 'function') result.then(done, done);
  return result;
};

let session = null;
const post = (method, params) => new Promise((resolve, reject) => session.post(method, params, (err, res) => (err ? reject(err) : resolve(res))));

async function answer(message) {
  if (message.probe === 'gc' && global.gc) global.gc();
  if (message.probe === 'sql-start') recorded = [];
  let sql;
  if (message.probe === 'sql-stop') [sql, recorded] = [recorded, null];
  if (message.probe === 'profile-start') {
    session = new inspector.Session();
    session.connect();
    await post('Profiler.enable');
    await post('Profiler.setSamplingInterval', { interval: 250 });
    await post('Profiler.start');
  }
  if (message.probe === 'profile-stop' && session) {
    const { profile } = await post('Profiler.stop');
    writeFileSync(message.file, JSON.stringify(profile));
    session.disconnect();
    session = null;
  }
  const { rss, heapUsed, heapTotal } = process.memoryUsage();
  const { user, system } = process.cpuUsage();
  return { statements, rss, heapUsed, heapTotal, cpuMicros: user + system, node: process.version, sql };
}

if (process.send) {
  process.on('message', (message) => {
    if (!message || typeof message.probe !== 'string') return;
    answer(message).then(
      (values) => process.send({ ...values, probe: message.probe, id: message.id }),
      (error) => process.send({ probe: message.probe, id: message.id, error: String(error) }),
    );
  });
  // The IPC channel must not keep a stopping server alive.
  process.channel?.unref();
}
