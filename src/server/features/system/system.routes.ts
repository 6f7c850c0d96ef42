/** Liveness, readiness and Prometheus metrics (A.8.16 monitoring activities). No data, no secrets. */
import { sql } from 'kysely';
import { z } from 'zod';
import { AppError } from '../../kernel/errors.js';
import { defineRoute } from '../../kernel/http/route.js';

const tags = ['system'];

export const systemRoutes = [
  defineRoute({
    method: 'GET', url: '/healthz', operationId: 'system.health', summary: 'Liveness: the process answers', access: 'public', tags,
    response: z.object({ status: z.literal('ok') }),
    handler: async () => ({ status: 'ok' as const }),
  }),
  defineRoute({
    method: 'GET', url: '/readyz', operationId: 'system.ready', summary: 'Readiness: the database answers', access: 'public', tags,
    response: z.object({ status: z.literal('ready'), database: z.enum(['sqlite', 'postgres']) }),
    handler: async ({ app }) => {
      try {
        await sql`select 1`.execute(app.database.db);
      } catch {
        throw new AppError('unavailable', 'database is unavailable');
      }
      return { status: 'ready' as const, database: app.database.engine };
    },
  }),
  defineRoute({
    method: 'GET', url: '/metrics', operationId: 'system.metrics', summary: 'Prometheus metrics (request rates and latency by route; process health)', access: 'public', tags,
    produces: 'text/plain',
    handler: async ({ request, reply }) => {
      const registry = request.server.custos.metrics.registry;
      return reply.type(registry.contentType).send(await registry.metrics());
    },
  }),
];
