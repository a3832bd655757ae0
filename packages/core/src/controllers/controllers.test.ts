import { expect } from '@esm-bundle/chai';
import { ContextProvider } from '@lit/context';
import { LitElement, html } from 'lit';
import { property } from 'lit/decorators.js';
import { sessionContext } from '../context.js';
import { InterviewSession } from '../session.js';
import type { SessionView } from '../protocol.js';
import { BindingController } from './binding-controller.js';
import { SessionController } from './session-controller.js';

/** A session that never talks to a server; its view is set by hand. */
class HandmadeSession extends InterviewSession {
  constructor(readonly label: string) {
    super({ server: 'http://127.0.0.1:9', sessionId: label, tokenProvider: 'token' });
  }
  show(title: string): void {
    this.dispatchEvent(new (class extends Event {
      detail = { view: { title } as SessionView };
    })('change'));
  }
}

class BoundElement extends LitElement {
  @property({ attribute: false }) target: string | undefined;
  @property({ attribute: false }) session: InterviewSession | undefined;
  readonly log: string[] = [];
  renders = 0;

  constructor() {
    super();
    new BindingController<string>(this, {
      target: () => this.target,
      bind: (target, cleanup) => {
        this.log.push(`bind ${target}`);
        cleanup.add(() => this.log.push(`unbind ${target}`));
      },
    });
    new SessionController(this, {
      bind: (session, cleanup) => {
        this.log.push(`session ${(session as HandmadeSession).label}`);
        cleanup.add(() => this.log.push(`end ${(session as HandmadeSession).label}`));
      },
    });
  }

  protected override render() {
    this.renders += 1;
    return html`${this.target ?? ''}`;
  }
}
customElements.define('test-bound-element', BoundElement);

const settle = (element: BoundElement) => element.updateComplete;

describe('BindingController and SessionController', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('binds while connected, binds again when the target changes, lets go on removal and binds again when back', async () => {
    const element = document.createElement('test-bound-element') as BoundElement;
    element.target = 'a';
    expect(element.log, 'nothing while not in the page').to.deep.equal([]);
    document.body.append(element);
    await settle(element);
    element.target = 'b';
    await settle(element);
    element.remove();
    document.body.append(element);
    await settle(element);
    element.target = undefined;
    await settle(element);
    expect(element.log).to.deep.equal(['bind a', 'unbind a', 'bind b', 'unbind b', 'bind b', 'unbind b']);
  });

  it('takes the session a provider gives, renders again on its changes, and follows a replacement', async () => {
    const host = document.createElement('div');
    const provider = new ContextProvider(host, { context: sessionContext, initialValue: new HandmadeSession('one') });
    const element = document.createElement('test-bound-element') as BoundElement;
    host.append(element);
    document.body.append(host);
    await settle(element);
    expect((element.session as HandmadeSession).label).to.equal('one');
    const renders = element.renders;
    (element.session as HandmadeSession).show('changed');
    await settle(element);
    expect(element.renders).to.equal(renders + 1);

    provider.setValue(new HandmadeSession('two'));
    await settle(element);
    expect((element.session as HandmadeSession).label).to.equal('two');
    element.remove();
    expect(element.log).to.deep.equal(['session one', 'end one', 'session two', 'end two']);
  });
});
