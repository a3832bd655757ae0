import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { PARTICIPANT_TOKEN_AUDIENCE, ROLES, type ParticipantClaims, type Role } from '@interview-kit/core/protocol';

const ALGORITHM = 'HS256';

export interface TokenSigner {
  /** Signs a participant token; returns it with its expiry. */
  sign(claims: { sessionId: string; participantId: string; role: Role; name: string }): Promise<{ token: string; expiresAt: Date }>;
  /**
   * Verifies signature (HS256 only), issuer, audience and expiry, and the claim shapes.
   * @throws {InvalidTokenError} with a reason fit to show the caller.
   */
  verify(token: string): Promise<ParticipantClaims>;
}

/** A participant token that failed verification; `reason` is safe to return to the caller. */
export class InvalidTokenError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'InvalidTokenError';
  }
}

export function createTokenSigner(options: {
  secret: Uint8Array;
  issuer: string;
  ttlSeconds: number;
  now?: () => number;
}): TokenSigner {
  const now = options.now ?? Date.now;
  return {
    async sign({ sessionId, participantId, role, name }) {
      const issuedAt = Math.floor(now() / 1000);
      const exp = issuedAt + options.ttlSeconds;
      const token = await new SignJWT({ sid: sessionId, role, name })
        .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
        .setSubject(participantId)
        .setIssuer(options.issuer)
        .setAudience(PARTICIPANT_TOKEN_AUDIENCE)
        .setIssuedAt(issuedAt)
        .setExpirationTime(exp)
        .sign(options.secret);
      return { token, expiresAt: new Date(exp * 1000) };
    },

    async verify(token) {
      let payload;
      try {
        ({ payload } = await jwtVerify(token, options.secret, {
          algorithms: [ALGORITHM],
          issuer: options.issuer,
          audience: PARTICIPANT_TOKEN_AUDIENCE,
          requiredClaims: ['exp', 'sub', 'iat'],
          currentDate: new Date(now()),
        }));
      } catch (error) {
        if (error instanceof joseErrors.JWTExpired) throw new InvalidTokenError('the participant token has expired');
        if (error instanceof joseErrors.JWTClaimValidationFailed) {
          throw new InvalidTokenError(`the participant token's "${error.claim}" claim is invalid`);
        }
        throw new InvalidTokenError('the participant token is malformed or its signature is invalid');
      }
      const { sub, sid, role, name } = payload;
      if (typeof sid !== 'string' || typeof sub !== 'string' || typeof name !== 'string' || !ROLES.includes(role as Role)) {
        throw new InvalidTokenError('the participant token lacks session, participant, role or name claims');
      }
      return payload as unknown as ParticipantClaims;
    },
  };
}
