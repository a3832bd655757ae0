import { expect } from '@esm-bundle/chai';
import { FakeClock, fakeJwt, settle } from './testing/fakes.js';
import { TokenErrorEvent, TokenProvider, TokenRefreshedEvent, type TokenFetcher } from './token-provider.js';

const MINUTE = 60_000;

/** A fetcher minting JWTs that live `ttlMs` on the fake clock, numbered so tests can tell them apart. */
function mintingFetcher(clock: FakeClock, ttlMs = 15 * MINUTE) {
  const fetcher = Object.assign(
    async () => {
      fetcher.calls += 1;
      return fakeJwt({ n: fetcher.calls, exp: Math.floor((clock.now() + ttlMs) / 1000) });
    },
    { calls: 0 },
  );
  return fetcher;
}

function claimN(token: string): unknown {
  return JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/')))['n'];
}

describe('TokenProvider', () => {
  let clock: FakeClock;
  beforeEach(() => {
    clock = new FakeClock();
  });

  describe('with a fixed token', () => {
    it('always hands out that token and cannot refresh', async () => {
      const token = fakeJwt({ exp: Math.floor(clock.now() / 1000) + 30 });
      const provider = new TokenProvider(token, { clock });
      expect(provider.canRefresh).to.equal(false);
      expect(provider.expiresAt).to.equal((Math.floor(clock.now() / 1000) + 30) * 1000);
      await clock.advance(10 * MINUTE);
      provider.invalidate();
      expect(await provider.getToken()).to.equal(token);
    });

    it('rejects an empty token at once', () => {
      expect(() => new TokenProvider('')).to.throw(TypeError);
    });
  });

  describe('with a fetcher', () => {
    it('fetches once and reuses the token while it is far from expiry', async () => {
      const fetcher = mintingFetcher(clock);
      const provider = new TokenProvider(fetcher, { clock });
      const first = await provider.getToken();
      await clock.advance(13 * MINUTE);
      expect(await provider.getToken()).to.equal(first);
      expect(fetcher.calls).to.equal(1);
    });

    it('fetches a new token once the old one is within the margin of its expiry', async () => {
      const fetcher = mintingFetcher(clock);
      const provider = new TokenProvider(fetcher, { clock });
      await provider.getToken();
      await clock.advance(14 * MINUTE + 1);
      expect(claimN(await provider.getToken())).to.equal(2);
    });

    it('honours a custom margin', async () => {
      const fetcher = mintingFetcher(clock);
      const provider = new TokenProvider(fetcher, { clock, refreshMarginMs: 5 * MINUTE });
      await provider.getToken();
      await clock.advance(9 * MINUTE);
      expect(claimN(await provider.getToken())).to.equal(1);
      await clock.advance(1 * MINUTE + 1);
      expect(claimN(await provider.getToken())).to.equal(2);
    });

    it('shares one fetch between concurrent callers', async () => {
      let release!: (token: string) => void;
      let calls = 0;
      const provider = new TokenProvider(
        () => {
          calls += 1;
          return new Promise<string>((resolve) => (release = resolve));
        },
        { clock },
      );
      const waiting = [provider.getToken(), provider.getToken(), provider.refresh()];
      await settle();
      release('shared-token');
      expect(await Promise.all(waiting)).to.deep.equal(['shared-token', 'shared-token', 'shared-token']);
      expect(calls).to.equal(1);
    });

    it('takes the expiry from expiresAt when the fetcher gives one', async () => {
      const expiresAt = new Date(clock.now() + 2 * MINUTE).toISOString();
      let calls = 0;
      const provider = new TokenProvider(
        async () => {
          calls += 1;
          return { token: `opaque-${calls}`, expiresAt };
        },
        { clock },
      );
      expect(await provider.getToken()).to.equal('opaque-1');
      expect(provider.expiresAt).to.equal(Date.parse(expiresAt));
      await clock.advance(MINUTE + 1);
      expect(await provider.getToken()).to.equal('opaque-2');
    });

    it('keeps a token without any known expiry until invalidated', async () => {
      let calls = 0;
      const provider = new TokenProvider(async () => `opaque-${++calls}`, { clock });
      await provider.getToken();
      await clock.advance(24 * 60 * MINUTE);
      expect(await provider.getToken()).to.equal('opaque-1');
      provider.invalidate();
      expect(await provider.getToken()).to.equal('opaque-2');
    });

    it('refreshes a short-lived token at half its life rather than on every call', async () => {
      const fetcher = mintingFetcher(clock, 60_000);
      const provider = new TokenProvider(fetcher, { clock });
      await provider.getToken();
      await clock.advance(29_000);
      await provider.getToken();
      expect(fetcher.calls).to.equal(1);
      await clock.advance(2_000);
      await provider.getToken();
      expect(fetcher.calls).to.equal(2);
    });

    it('announces each fresh token with token-refreshed', async () => {
      const fetcher = mintingFetcher(clock);
      const provider = new TokenProvider(fetcher, { clock });
      const events: TokenRefreshedEvent[] = [];
      provider.addEventListener('token-refreshed', (event) => events.push(event));
      const token = await provider.getToken();
      expect(events).to.have.length(1);
      expect(events[0]).to.be.instanceOf(TokenRefreshedEvent);
      expect(events[0]!.detail).to.deep.equal({ token, expiresAt: provider.expiresAt });
    });

    it('rejects and fires token-error when the fetch fails and no valid token is left', async () => {
      const failure = new Error('host backend is down');
      const provider = new TokenProvider(
        () => {
          throw failure;
        },
        { clock },
      );
      const errors: TokenErrorEvent[] = [];
      provider.addEventListener('token-error', (event) => errors.push(event));
      let caught: unknown;
      await provider.getToken().catch((error: unknown) => (caught = error));
      expect(caught).to.equal(failure);
      expect(errors.map((event) => event.detail.error)).to.deep.equal([failure]);
    });

    it('keeps using the old token if an early refresh fails while it is still valid', async () => {
      let fail = false;
      const fetcher = mintingFetcher(clock);
      const provider = new TokenProvider(() => (fail ? Promise.reject(new Error('flaky')) : fetcher()), { clock });
      const errors: unknown[] = [];
      provider.addEventListener('token-error', (event) => errors.push(event.detail.error));
      const first = await provider.getToken();
      fail = true;
      await clock.advance(14 * MINUTE + 30_000);
      expect(await provider.getToken()).to.equal(first);
      expect(errors).to.have.length(1);
      await clock.advance(MINUTE);
      let caught: unknown;
      await provider.getToken().catch((error: unknown) => (caught = error));
      expect(caught).to.be.instanceOf(Error).with.property('message', 'flaky');
    });

    it('rejects a fetcher result without a token', async () => {
      const provider = new TokenProvider(async () => ({ token: '' }), { clock });
      let caught: unknown;
      await provider.getToken().catch((error: unknown) => (caught = error));
      expect(caught).to.be.instanceOf(TypeError);
    });
  });

  describe('proactive refresh', () => {
    it('fetches ahead of expiry without anyone asking, until stopped', async () => {
      const fetcher = mintingFetcher(clock);
      const provider = new TokenProvider(fetcher, { clock });
      provider.start();
      await settle();
      expect(fetcher.calls).to.equal(1);
      await clock.advance(14 * MINUTE);
      expect(fetcher.calls).to.equal(2);
      await clock.advance(14 * MINUTE);
      expect(fetcher.calls).to.equal(3);
      provider.stop();
      expect(clock.pendingTimers).to.equal(0);
      await clock.advance(60 * MINUTE);
      expect(fetcher.calls).to.equal(3);
    });

    it('retries after a failed refresh', async () => {
      let failures = 1;
      const fetcher = mintingFetcher(clock);
      const provider = new TokenProvider(
        () => (failures-- > 0 ? Promise.reject(new Error('flaky')) : fetcher()),
        { clock, retryDelayMs: 10_000 },
      );
      provider.start();
      await settle();
      expect(fetcher.calls).to.equal(0);
      await clock.advance(10_000);
      expect(fetcher.calls).to.equal(1);
      expect(claimN(await provider.getToken())).to.equal(1);
      provider.stop();
    });

    it('does nothing for a fixed token', async () => {
      const provider = new TokenProvider('fixed', { clock });
      provider.start();
      expect(clock.pendingTimers).to.equal(0);
      expect(await provider.getToken()).to.equal('fixed');
    });
  });

  it('TokenProvider.from reuses an existing provider', () => {
    const provider = new TokenProvider('fixed');
    expect(TokenProvider.from(provider)).to.equal(provider);
    expect(TokenProvider.from('other')).to.be.instanceOf(TokenProvider);
  });
});
