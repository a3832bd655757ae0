import type { Problem, ProblemFieldError } from '@interview-kit/core/protocol';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  410: 'Gone',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  416: 'Range Not Satisfiable',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  503: 'Service Unavailable',
};

/** Problem type URIs, relative to the API documentation. */
export const PROBLEM_TYPES = {
  validation: 'https://interview-kit.dev/problems/validation',
  unauthorized: 'https://interview-kit.dev/problems/unauthorized',
  forbidden: 'https://interview-kit.dev/problems/forbidden',
  notFound: 'https://interview-kit.dev/problems/not-found',
  conflict: 'https://interview-kit.dev/problems/conflict',
  gone: 'https://interview-kit.dev/problems/gone',
  rateLimited: 'https://interview-kit.dev/problems/rate-limited',
  unavailable: 'https://interview-kit.dev/problems/unavailable',
  notImplemented: 'https://interview-kit.dev/problems/not-implemented',
  internal: 'about:blank',
} as const;

/** An error that becomes an RFC 9457 response; throw it from routes and services. */
export class HttpProblem extends Error {
  readonly status: number;
  readonly type: string;
  readonly errors: ProblemFieldError[] | undefined;
  readonly headers: Record<string, string>;
  /** Members of the problem object beyond RFC 9457's (e.g. `nextSeq`). */
  readonly extensions: Record<string, unknown>;

  constructor(
    status: number,
    detail: string,
    options: { type?: string; errors?: ProblemFieldError[]; headers?: Record<string, string>; extensions?: Record<string, unknown> } = {},
  ) {
    super(detail);
    this.name = 'HttpProblem';
    this.status = status;
    this.type = options.type ?? 'about:blank';
    this.errors = options.errors;
    this.headers = options.headers ?? {};
    this.extensions = options.extensions ?? {};
  }

  toJSON(instance?: string): Problem {
    return {
      ...this.extensions,
      type: this.type,
      title: TITLES[this.status] ?? 'Error',
      status: this.status,
      detail: this.message,
      ...(instance ? { instance } : {}),
      ...(this.errors ? { errors: this.errors } : {}),
    };
  }
}

export const badRequest = (detail: string, errors?: ProblemFieldError[]) =>
  new HttpProblem(400, detail, { type: PROBLEM_TYPES.validation, ...(errors ? { errors } : {}) });
export const unauthorized = (detail: string) =>
  new HttpProblem(401, detail, { type: PROBLEM_TYPES.unauthorized, headers: { 'WWW-Authenticate': 'Bearer' } });
export const forbidden = (detail: string) => new HttpProblem(403, detail, { type: PROBLEM_TYPES.forbidden });
export const notFound = (detail: string) => new HttpProblem(404, detail, { type: PROBLEM_TYPES.notFound });
export const conflict = (detail: string) => new HttpProblem(409, detail, { type: PROBLEM_TYPES.conflict });
export const unavailable = (detail: string) => new HttpProblem(503, detail, { type: PROBLEM_TYPES.unavailable });
export const notImplemented = (detail: string) => new HttpProblem(501, detail, { type: PROBLEM_TYPES.notImplemented });
export const tooManyRequests = (detail: string, retryAfterSeconds: number) =>
  new HttpProblem(429, detail, {
    type: PROBLEM_TYPES.rateLimited,
    headers: { 'Retry-After': String(Math.max(1, Math.ceil(retryAfterSeconds))) },
  });
