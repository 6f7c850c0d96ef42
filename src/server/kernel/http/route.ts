/**
 * Route declaration. Every route states its method, path, operationId `<feature>.<action>`, summary,
 * access (a permission, `authenticated` or `public`) and zod contracts where it is declared; its handler
 * is one call to a service. The HTTP layer enforces the access before the body is even validated.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { RouteAccess } from '../../../shared/permissions.js';
import type { AuditActor } from '../audit/chain.js';
import type { Principal } from '../auth/principal.js';
import type { OrgAccess } from '../authz/membership.js';
import type { Config } from '../config.js';
import type { AppContext } from '../context.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What the handler knows about the caller, already authenticated and authorised. */
export interface CallContext {
  principal: Principal | null;
  /** Present on organization routes (`/api/v1/orgs/:orgId/...`). */
  org: OrgAccess | null;
  actor: AuditActor;
  requestId: string;
  ip: string;
  userAgent: string | null;
}

type Infer<T> = T extends z.ZodType ? z.output<T> : undefined;

export interface RouteInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  call: CallContext;
  app: AppContext;
  request: FastifyRequest;
  reply: FastifyReply;
}

export interface RouteDef<P extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined, B extends z.ZodType | undefined = undefined, R extends z.ZodType | undefined = undefined> {
  method: HttpMethod;
  url: string;
  operationId: string;
  summary: string;
  description?: string;
  access: RouteAccess;
  tags: string[];
  params?: P;
  query?: Q;
  body?: B;
  /** The success response contract; omitted for routes that stream a file (then `produces` names it). */
  response?: R;
  successStatus?: 200 | 201 | 204;
  produces?: string;
  /** Stricter per-IP request limit for this route (e.g. sign-in). */
  rateLimit?: { max: number; timeWindowMs: number };
  /**
   * The body is a file taken as-is (an import): bodies of these content types reach the handler as a
   * Buffer, up to `limitBytes` instead of the global JSON limit, which still holds for every other route.
   * Such a route declares no `body` contract (the file is validated by its service); say what it takes
   * in `description`.
   */
  fileUpload?: { contentTypes: string[]; limitBytes: (config: Config) => number };
  handler: (input: RouteInput<Infer<P>, Infer<Q>, Infer<B>>) => Promise<R extends z.ZodType ? z.input<R> : unknown>;
}

// The registry erases the generic parameters; `defineRoute` keeps them for the handler's types.
export type AnyRouteDef = RouteDef<any, any, any, any>;

export function defineRoute<P extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined, B extends z.ZodType | undefined = undefined, R extends z.ZodType | undefined = undefined>(def: RouteDef<P, Q, B, R>): AnyRouteDef {
  return def as AnyRouteDef;
}

/** A feature plugs its routes (and later its jobs) into the app. */
export interface Feature {
  name: string;
  routes: AnyRouteDef[];
}

export function isOrgRoute(def: Pick<AnyRouteDef, 'url'>): boolean {
  return def.url.startsWith('/api/v1/orgs/:orgId');
}

export function isMutation(method: string): boolean {
  return method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS';
}
