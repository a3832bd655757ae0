import { expect } from '@esm-bundle/chai';
import { decodeJwtPayload, jwtExpiresAt } from './jwt.js';
import { fakeJwt } from './testing/fakes.js';

describe('decodeJwtPayload', () => {
  it('reads the claims of a JWT, including non-ASCII names', () => {
    const token = fakeJwt({ sub: 'cam', name: 'Zoë Ñúñez 🙂', exp: 1_900_000_000 });
    expect(decodeJwtPayload(token)).to.deep.equal({ sub: 'cam', name: 'Zoë Ñúñez 🙂', exp: 1_900_000_000 });
  });

  it('returns undefined for strings that are not JWTs', () => {
    expect(decodeJwtPayload('not-a-token')).to.equal(undefined);
    expect(decodeJwtPayload('a.%%%.c')).to.equal(undefined);
    expect(decodeJwtPayload(`x.${btoa('[1,2]')}.y`)).to.equal(undefined);
  });
});

describe('jwtExpiresAt', () => {
  it('turns the exp claim into milliseconds', () => {
    expect(jwtExpiresAt(fakeJwt({ exp: 1_900_000_000 }))).to.equal(1_900_000_000_000);
  });

  it('is undefined without a numeric exp claim', () => {
    expect(jwtExpiresAt(fakeJwt({ sub: 'cam' }))).to.equal(undefined);
    expect(jwtExpiresAt(fakeJwt({ exp: 'soon' }))).to.equal(undefined);
    expect(jwtExpiresAt('opaque-token')).to.equal(undefined);
  });
});
