import { expect } from '@esm-bundle/chai';
import { InterviewSession } from '../session.js';
import { createSession, referenceServer, sampleSession, type ReferenceServer } from '../testing/reference-server.js';
import { until } from '../testing/helpers.js';
import { InteractiveConsole, type ConsoleScreenEvent } from './interactive-console.js';

describe('InteractiveConsole', () => {
  let server: ReferenceServer;
  const cleanups: (() => void)[] = [];

  before(async () => {
    server = await referenceServer({ liveKit: false });
  });
  afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

  const join = async (token: string, sessionId: string) => {
    const session = new InterviewSession({ server: server.url, sessionId, tokenProvider: token });
    const sockets: WebSocket[] = [];
    /** The browser's WebSocket, each instance kept so that the test can cut one. */
    class KeptWebSocket extends WebSocket {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        sockets.push(this);
      }
    }
    const console = new InteractiveConsole(session, { WebSocket: KeptWebSocket, reconnectMs: 50 });
    const screen: ConsoleScreenEvent[] = [];
    console.onScreen((event) => screen.push(event));
    cleanups.push(() => {
      console.dispose();
      session.dispose();
    });
    return { console, screen, sockets };
  };

  it('runs a REPL, and after a lost socket reconnects with a fresh ticket and gets the transcript again', async () => {
    const created = await createSession(server, sampleSession());
    const { console, screen, sockets } = await join(created.tokenFor('candidate'), created.id);
    await console.connect();
    expect(console.state.value.connection).to.equal('open');
    expect(console.state.value.you).to.include({ id: 'cam', role: 'candidate', canType: true });

    console.start('python', 'repl');
    console.input('6 * 7\n');
    const text = () => screen.map((event) => (event.type === 'output' ? event.data : '')).join('');
    await until(() => text().includes('42\n'), 'the answer');

    sockets[0]!.close(4000, 'cut by the test');
    await until(() => sockets.length === 2 && console.state.value.connection === 'open', 'the reconnection');
    const lastReset = screen.map((event) => event.type).lastIndexOf('reset');
    const replayed = screen.slice(lastReset).map((event) => (event.type === 'output' ? event.data : '')).join('');
    expect(replayed).to.include('6 * 7\n').and.include('42\n');
    console.eof();
    await until(() => console.state.value.run?.status === 'ended', 'the end of the REPL');
    expect(console.state.value.run?.reason).to.equal('exit');
  });

  it('an observer gets no console: connect rejects with the 403 problem', async () => {
    const created = await createSession(server, sampleSession());
    const { console } = await join(created.tokenFor('observer'), created.id);
    let failed: unknown;
    await console.connect().catch((error: unknown) => (failed = error));
    expect(failed).to.be.instanceOf(Error);
    expect(console.state.value.connection).to.equal('closed');
    expect(console.state.value.problem?.status).to.equal(403);
  });
});
