/** The HTTP headers the OpenAPI document names: request headers routes read, response headers they send. */

/** Request headers a route may accept, documented as reusable parameters. */
export const REQUEST_HEADERS = {
  'Idempotency-Key': {
    name: 'Idempotency-Key',
    in: 'header',
    required: false,
    description:
      'Makes a retried request safe: a retry with the same key returns what the first request made (with ' +
      '`Idempotent-Replayed: true`); the same key with another body is refused with 422. 1 to 255 visible ASCII characters.',
    schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7e]+$' },
    example: 'create-7f3c2a',
  },
  'X-Request-Id': {
    name: 'X-Request-Id',
    in: 'header',
    required: false,
    description: "An id of the caller's choosing for this request, echoed in the answer and logged with it; the server makes one up when absent or not 1 to 64 of A–Z, a–z, 0–9, '.', '_' and '-'",
    schema: { type: 'string', pattern: '^[A-Za-z0-9._-]{1,64}$' },
    example: 'portal-7f3c2a',
  },
} as const;
export type RequestHeader = keyof typeof REQUEST_HEADERS;

/** Response headers, documented once under `components.headers`. */
export const RESPONSE_HEADERS = {
  Location: { description: 'The path of the resource the request created (or will have made)', schema: { type: 'string' } },
  'Idempotent-Replayed': {
    description: '`true` when this answer replays the one given to an earlier request with the same Idempotency-Key',
    schema: { type: 'string', enum: ['true'] },
  },
  'Retry-After': {
    description: 'Seconds to wait before trying again',
    schema: { type: 'integer', minimum: 1 },
    example: 3,
  },
  'WWW-Authenticate': { description: 'The authentication scheme the server expects (`Bearer`)', schema: { type: 'string' } },
  RateLimit: {
    description:
      'What is left of each rate limit that applied to this request, one list item per limit (IETF httpapi rate-limit ' +
      'headers): `"address"` for the client address, `"credential"` for the API key or participant; `r` requests ' +
      'remain, the limit is whole again in `t` seconds',
    schema: { type: 'string' },
    example: '"address";r=1198;t=1, "credential";r=598;t=1',
  },
  'RateLimit-Policy': {
    description: 'The rate limits that applied to this request: `q` requests per window of `w` seconds, each refilled steadily',
    schema: { type: 'string' },
    example: '"address";q=1200;w=60, "credential";q=600;w=60',
  },
  'X-Request-Id': {
    description: "This request's id, also in the server's log line for it (quote it when reporting a problem)",
    schema: { type: 'string' },
  },
} as const;
export type ResponseHeader = keyof typeof RESPONSE_HEADERS;
