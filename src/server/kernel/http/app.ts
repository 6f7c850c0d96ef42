/**
 * The HTTP server: Fastify with zod contracts, OpenAPI 3.1, security headers, authentication and
 * authorization enforced per route before its body is read, one error mapping, metrics, and the SPA.
 */
import fs from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyRequest, type RouteOptions } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { OpenAPIV3_1 } from 'openapi-types';
import { ZApiError } from '../../../shared/contracts/common.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { authenticateRoute } from './authenticate.js';
import { sendError } from './errors.js';
import { createMetrics, type Metrics } from './metrics.js';
import { isOrgRoute, type AnyRouteDef, type CallContext, type Feature } from './route.js';
import { applySecurityHeaders, newNonce, TLS_OPTIONS } from './security.js';

declare module 'fastify' {
  interface FastifyRequest {
    call: CallContext;
  }
  interface FastifyInstance {
    custos: { routes: AnyRouteDef[]; rawRoutes: { method: string; url: string }[]; metrics: Metrics; openapi: () => OpenAPIV3_1.Document };
  }
}

export interface BuildHttpAppOptions {
  ctx: AppContext;
  features: Feature[];
  /** Folder of the built SPA (index.html + assets/); null to serve the API only. */
  webDir?: string | null;
  /** Requests per minute per IP for the whole API; null disables (tests). */
  rateLimitPerMinute?: number | null;
  /** Called before the routes are frozen, e.g. by the meta-tests to add deliberately broken routes. */
  beforeReady?: (app: FastifyInstance) => void;
}

export async function buildHttpApp(options: BuildHttpAppOptions): Promise<FastifyInstance> {
  const { ctx } = options;
  const { config } = ctx;
  const isTls = Boolean(config.tlsCert && config.tlsKey);
  const app = Fastify({
    loggerInstance: ctx.logger,
    genReqId: () => crypto.randomUUID(),
    requestIdHeader: false,
    bodyLimit: config.bodyLimit,
    trustProxy: config.trustProxy,
    requestTimeout: 120_000,
    connectionTimeout: 130_000,
    keepAliveTimeout: 10_000,
    routerOptions: { maxParamLength: 200 },
    ...(isTls ? { https: { ...TLS_OPTIONS, cert: fs.readFileSync(config.tlsCert!), key: fs.readFileSync(config.tlsKey!) } } : {}),
  }) as unknown as FastifyInstance;
  app.server.headersTimeout = 30_000;

  const routes: AnyRouteDef[] = [];
  const rawRoutes: { method: string; url: string }[] = [];
  const metrics = createMetrics();
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) if (method !== 'HEAD') rawRoutes.push({ method, url: route.url });
  });

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler((error, request, reply) => sendError(error, request, reply));

  app.addHook('onRequest', async (request) => {
    request.cspNonce = newNonce();
  });
  app.addHook('onSend', async (request, reply, payload) => {
    applySecurityHeaders(request, reply, isTls);
    return payload;
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.requestDuration.labels(request.method, route, String(reply.statusCode)).observe(reply.elapsedTime / 1000);
  });

  await app.register(fastifyCookie);
  if (options.rateLimitPerMinute) {
    await app.register(fastifyRateLimit, {
      global: true,
      max: options.rateLimitPerMinute,
      timeWindow: 60_000,
      allowList: (request: FastifyRequest) => !request.url.startsWith('/api/'),
      errorResponseBuilder: () => new AppError('rate_limited', 'too many requests; try again later'),
    });
  }

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Custos API',
        version: '1',
        description: 'The REST API of Custos, the open-source ISMS for healthcare. Every operation names the permission it requires (`x-custos-permission`). Cookie-authenticated mutations need the `X-CSRF-Token` header; automation uses `Authorization: Bearer <API token>`.',
        license: { name: 'AGPL-3.0-only', identifier: 'AGPL-3.0-only' },
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'custos_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });

  for (const feature of options.features) {
    for (const def of feature.routes) registerRoute(app, ctx, def, routes);
  }
  options.beforeReady?.(app);

  const openapi = (): OpenAPIV3_1.Document => decorateOpenApi(app.swagger() as OpenAPIV3_1.Document, routes);
  app.decorate('custos', { routes, rawRoutes, metrics, openapi });

  await app.register(fastifySwaggerUi, {
    routePrefix: '/api/docs',
    uiConfig: { url: '/api/openapi.json', deepLinking: true },
    staticCSP: false,
    transformSpecification: () => openapi(),
  });

  registerWeb(app, options.webDir ?? null);
  return app;
}

function registerRoute(app: FastifyInstance, ctx: AppContext, def: AnyRouteDef, routes: AnyRouteDef[]): void {
  if (!def.operationId || !/^[a-z][a-zA-Z-]*\.[a-z][a-zA-Z]*$/.test(def.operationId)) throw new Error(`route ${def.method} ${def.url}: operationId must be <feature>.<action>`);
  if (!def.summary) throw new Error(`route ${def.operationId}: summary is required`);
  if (!def.access) throw new Error(`route ${def.operationId}: access (permission) is required`);
  if (def.access !== 'public' && def.access !== 'authenticated' && !isOrgRoute(def)) {
    throw new Error(`route ${def.operationId}: a permission is checked in an organization; the path must start with /api/v1/orgs/:orgId`);
  }
  if (routes.some((r) => r.operationId === def.operationId)) throw new Error(`route ${def.operationId}: duplicate operationId`);
  routes.push(def);
  const status = def.successStatus ?? 200;
  const response: Record<string, unknown> = { '4XX': ZApiError, '5XX': ZApiError };
  if (def.response) response[String(status)] = def.response;
  const authenticate = authenticateRoute(ctx, def);
  const accessText = def.access === 'public' ? 'none (public)' : def.access === 'authenticated' ? 'any signed-in user' : `\`${def.access}\` in the organization`;
  const upload = def.fileUpload;
  const routeOptions: RouteOptions = {
    method: def.method,
    url: def.url,
    schema: {
      operationId: def.operationId,
      summary: def.summary,
      description: `${def.description ? def.description + '\n\n' : ''}Permission: ${accessText}.`,
      tags: def.tags,
      ...(def.params ? { params: def.params } : {}),
      ...(def.query ? { querystring: def.query } : {}),
      ...(def.body ? { body: def.body } : {}),
      ...(def.produces ? { produces: [def.produces] } : {}),
      response,
      ...(def.access === 'public' ? {} : { security: [{ session: [] }, { bearer: [] }] }),
    },
    config: def.rateLimit ? { rateLimit: { max: def.rateLimit.max, timeWindow: def.rateLimit.timeWindowMs } } : {},
    // Per-IP rate limiting runs at onRequest; access is enforced next, before the body is parsed.
    preParsing: async (request: FastifyRequest, _reply: unknown, payload: unknown) => {
      await authenticate(request);
      return payload;
    },
    preValidation: rejectNulCharacters,
    handler: async (request, reply) => {
      const result = await def.handler({
        params: request.params,
        query: request.query,
        body: request.body,
        call: request.call,
        app: ctx,
        request,
        reply,
      });
      if (reply.sent) return reply;
      if (status === 204) return reply.code(204).send();
      return reply.code(status).send(result);
    },
  };
  if (!upload) {
    app.route(routeOptions);
    return;
  }
  // A file upload gets its own plugin scope, so its parsers and larger limit apply to this route only.
  void app.register(async (scope) => {
    for (const type of upload.contentTypes) if (scope.hasContentTypeParser(type)) scope.removeContentTypeParser(type);
    scope.addContentTypeParser(upload.contentTypes, { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    scope.route({ ...routeOptions, bodyLimit: upload.limitBytes(ctx.config) });
  });
}

/** Path of the first string holding U+0000, which no text column (PostgreSQL) can store. */
function findNul(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  // An uploaded file (a Buffer) is binary; its service decodes and validates it.
  if (ArrayBuffer.isView(value)) return null;
  if (depth > 32 || value === null || typeof value !== 'object') return null;
  for (const [key, inner] of Object.entries(value)) {
    const found = findNul(inner, `${path}.${key}`, depth + 1);
    if (found) return found;
  }
  return null;
}

async function rejectNulCharacters(request: FastifyRequest): Promise<void> {
  const found = findNul(request.body, 'body') ?? findNul(request.query, 'query') ?? findNul(request.params, 'params');
  if (found) throw new AppError('validation_failed', `${found}: must not contain NUL characters`, [{ path: found, message: 'must not contain NUL characters' }]);
}

/** Add `x-custos-permission` to every operation, from the route registry (the source of truth). */
function decorateOpenApi(doc: OpenAPIV3_1.Document, routes: AnyRouteDef[]): OpenAPIV3_1.Document {
  const byId = new Map(routes.map((r) => [r.operationId, r]));
  for (const item of Object.values(doc.paths ?? {})) {
    for (const op of Object.values(item ?? {})) {
      if (!op || typeof op !== 'object' || !('operationId' in op)) continue;
      const def = byId.get(String(op.operationId));
      if (!def) continue;
      (op as Record<string, unknown>)['x-custos-permission'] = def.access;
      // A file upload has no zod body; describe it here so clients see what the operation takes.
      if (def.fileUpload) {
        (op as Record<string, unknown>).requestBody = {
          required: true,
          content: Object.fromEntries(def.fileUpload.contentTypes.map((type) => [type, { schema: { type: 'string', format: 'binary' } }])),
        };
      }
    }
  }
  return doc;
}

function registerWeb(app: FastifyInstance, webDir: string | null): void {
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.custos.openapi());
  const indexFile = webDir ? path.join(webDir, 'index.html') : null;
  const indexHtml = indexFile && fs.existsSync(indexFile) ? fs.readFileSync(indexFile, 'utf8') : null;
  if (webDir && indexHtml) {
    void app.register(fastifyStatic, { root: path.join(webDir, 'assets'), prefix: '/assets/', decorateReply: false, index: false, immutable: true, maxAge: '365d' });
    for (const file of ['favicon.svg']) {
      const full = path.join(webDir, file);
      if (fs.existsSync(full)) {
        const content = fs.readFileSync(full);
        app.get(`/${file}`, { schema: { hide: true } }, async (_request, reply) => reply.type('image/svg+xml').send(content));
      }
    }
  }
  app.setNotFoundHandler(async (request, reply) => {
    const wantsPage = request.method === 'GET' && !request.url.startsWith('/api') && !request.url.startsWith('/assets/') && indexHtml;
    if (!wantsPage) return sendError(new AppError('not_found', 'route not found'), request, reply);
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(indexHtml.replaceAll('%CSP_NONCE%', request.cspNonce));
  });
}
