import { Router } from 'express';
import type { DataSource } from 'typeorm';
import { databaseFaultOf } from '../db/faults';
import { logger } from '../logger';

/**
 * Liveness (`/healthz`: the process answers, whatever the database does) and readiness (`/readyz`:
 * the database answers and no migration is pending). Before the database is first ready
 * src/server/serving.ts answers both itself (/readyz 503); while shutting down it answers every
 * request, these included, with 503 UNAVAILABLE and Connection: close.
 */
export function healthRouter(dataSource: DataSource): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    try {
      if (!dataSource.isInitialized) throw new Error('database not connected');
      await dataSource.query('SELECT 1');
      const pending = await dataSource.showMigrations();
      if (pending) {
        res.status(503).json({ status: 'unavailable', reason: 'pending migrations' });
        return;
      }
      res.json({ status: 'ready' });
    } catch (error) {
      // Open to anyone: a fixed reason, never the driver's text (hosts, ports, SQL); an unexpected failure is logged.
      const reason = !dataSource.isInitialized ? 'database not connected' : databaseFaultOf(error) ? 'database unavailable' : 'database check failed';
      if (reason === 'database check failed') logger.error({ err: error }, 'readiness check failed');
      res.status(503).json({ status: 'unavailable', reason });
    }
  });
  return router;
}
