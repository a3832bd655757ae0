import type { Express, NextFunction, Request, RequestHandler, Response } from 'express';
import { z } from 'zod';
import { PROBLEM_CONTENT_TYPE, ROLES, type Role } from '@interview-kit/core/protocol';
import { deferredBodyProblem } from './middleware/deferred-body.js';
import { authorizeRoles } from './middleware/authorize.js';
import { HttpProblem, badRequest } from './problem.js';
import { Problem } from './schemas/common.js';
import type { RequestHeader, ResponseHeader } from './openapi-headers.js';
import { fieldErrors } from './schemas/field-errors.js';
import type { Security } from './services/caller.js';

export type { Security } from './services/caller.js';

export interface ResponseSpec {
  description: string;
  schema?: z.ZodType;
  /** Defaults to `application/json` when a schema is given. */
  contentType?: string;
  /** An example of the body, for the document. */
  example?: unknown;
  /** Other bodies the route answers with when asked (`Accept`), by content type. */
  alternatives?: Record<string, { schema?: z.ZodType; example?: unknown }>;
  /** Headers this response carries beyond those every response of its status has. */
  headers?: ResponseHeader[];
}

/** Everything the server knows about one route: used to validate and to document it. */
export interface RouteSpec<P extends z.ZodType = z.ZodType, B extends z.ZodType = z.ZodType, Q extends z.ZodType = z.ZodType> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Express-style path, e.g. `/v1/sessions/:id`. */
  path: string;
  summary: string;
  tags: string[];
  /** Any one of these schemes is accepted; empty means public. */
  security: Security[];
  /**
   * The participant roles that may call the route with a participant token; absent means every
   * role. Checked, like the credential, before any input is validated, so that a caller who may
   * not call the route learns nothing from its schemas.
   */
  roles?: readonly Role[];
  params?: P;
  /** Query parameters: an object schema of optional fields. */
  query?: Q;
  body?: B;
  /** A body that is not JSON (bytes the handler reads itself), as documented: its media type and what it holds. */
  rawBody?: { contentType: string; description: string };
  /** An example of the body, for the document. */
  bodyExample?: z.input<B>;
  /** Request headers the route reads, documented as parameters. */
  headers?: RequestHeader[];
  responses: Record<number, ResponseSpec>;
}

/** A documented problem+json response. */
export const problemResponse = (description: string): ResponseSpec => ({ description, schema: Problem, contentType: PROBLEM_CONTENT_TYPE });

/** The error responses every authenticated, validated route can give. */
export const COMMON_PROBLEMS = {
  400: problemResponse('Invalid input, with field-level errors'),
  401: problemResponse('Missing or invalid credentials'),
  429: problemResponse('Rate limited'),
};

/** What a handler receives once params, query and body have been validated. */
export interface Validated<P, B, Q = unknown> {
  params: P;
  body: B;
  query: Q;
}

type Handler<P, B, Q> = (req: Request, res: Response, input: Validated<P, B, Q>) => unknown;

/** Authenticates a request with any of the accepted schemes (and rate-limits its caller). */
export type Guard = (accept: Security[]) => RequestHandler[];

export { fieldErrors } from './schemas/field-errors.js';

/**
 * The route table. Each route is mounted directly on the app (no nested routers) and listed in the
 * OpenAPI document from the same spec. Every request goes through, in this order: authentication
 * (`security`, through the guard), the role check (`roles`), then validation of path parameters
 * and body, then the handler. A caller who may not call a route gets 401 or 403, never a 400 that
 * describes the route's input.
 */
export class Api {
  readonly routes: RouteSpec[] = [];

  constructor(
    private readonly app: Express,
    private readonly guard: Guard,
  ) {}

  route<P extends z.ZodType, B extends z.ZodType, Q extends z.ZodType = z.ZodType>(
    spec: RouteSpec<P, B, Q>,
    ...stack: [...RequestHandler[], Handler<z.output<P>, z.output<B>, z.output<Q>>]
  ): void {
    this.routes.push(spec as unknown as RouteSpec);
    const handler = stack.pop() as Handler<z.output<P>, z.output<B>, z.output<Q>>;
    const access = spec.security.length ? [...this.guard(spec.security), authorizeRoles(spec.roles ?? ROLES)] : [];
    const middleware = stack as RequestHandler[];
    const run = async (req: Request, res: Response, next: NextFunction) => {
      try {
        const unreadable = deferredBodyProblem(res);
        if (unreadable) throw unreadable;
        const params = spec.params ? parse(spec.params, req.params, 'path parameters') : req.params;
        const query = spec.query ? parse(spec.query, req.query, 'query parameters') : undefined;
        const body = spec.body ? parse(spec.body, bodyOf(req), 'request body') : undefined;
        await handler(req, res, { params, body, query } as Validated<z.output<P>, z.output<B>, z.output<Q>>);
      } catch (error) {
        next(error);
      }
    };
    this.app[spec.method](spec.path, ...access, ...middleware, run);
  }

}

function bodyOf(req: Request): unknown {
  if (req.body === undefined) {
    if (req.get('content-type')) throw new HttpProblem(415, 'the request body must be JSON with Content-Type: application/json');
    throw badRequest('This request needs a JSON body with Content-Type: application/json');
  }
  return req.body;
}

function parse<T extends z.ZodType>(schema: T, value: unknown, what: string): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const errors = fieldErrors(result.error);
    const first = errors[0]!;
    throw badRequest(`Invalid ${what}: ${first.path}: ${first.message}`, errors);
  }
  return result.data;
}
