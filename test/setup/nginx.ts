/**
 * A private nginx as the load balancer in front of several instances of the server, for the many-instances test: Debian's
 * `nginx` (installed by .ci/run, or here as root, where missing), in the foreground, on a free loopback port, round robin
 * over the upstreams with keep-alive connections to them, passing the client's address in X-Forwarded-For as a production
 * proxy would; stopped by the test file that started it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startDaemon, stopped, startOnFreePort } from './daemon';
import { findOrInstall } from './debian-package';

export interface TestNginx {
  /** http://127.0.0.1:<port> */
  base: string;
  stop(): Promise<void>;
}

/** nginx balancing over `upstreams` (http://host:port bases). */
export async function startNginx(upstreams: string[]): Promise<TestNginx> {
  const executable = await findOrInstall({ binary: 'nginx', aptPackage: 'nginx', neededFor: 'the many-instances test (test/server/load-balanced.int.spec.ts)' });
  const dir = mkdtempSync(path.join(tmpdir(), 'registry-nginx-'));
  const asRoot = process.getuid?.() === 0;
  const conf = path.join(dir, 'nginx.conf');
  let port = 0;
  const child = await startOnFreePort((p) => {
    port = p;
    writeFileSync(
      conf,
      [
        'daemon off;',
        // As root the workers become nobody; they touch no file of the folder (no temporary files: no buffering to disk).
        ...(asRoot ? ['user nobody nogroup;'] : []),
        'worker_processes 1;',
        `pid ${path.join(dir, 'nginx.pid')};`,
        'error_log stderr notice;',
        'events { worker_connections 256; }',
        'http {',
        '  access_log off;',
        `  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy; fastcgi_temp_path ${dir}/fastcgi; uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;`,
        '  upstream registry {',
        ...upstreams.map((base) => `    server ${new URL(base).host};`),
        '    keepalive 8;',
        '  }',
        '  server {',
        `    listen 127.0.0.1:${port};`,
        '    location / {',
        '      proxy_pass http://registry;',
        '      proxy_http_version 1.1;',
        '      proxy_set_header Connection "";',
        '      proxy_set_header Host $host;',
        '      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;',
        '      proxy_buffering off;',
        '    }',
        '  }',
        '}',
      ].join('\n') + '\n',
    );
    return startDaemon(executable, ['-c', conf, '-p', dir, '-e', 'stderr'], /start worker process/);
  });
  return {
    base: `http://127.0.0.1:${port}`,
    stop: async () => {
      await stopped(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
