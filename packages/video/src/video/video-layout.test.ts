// How <interview-video> looks and is operated in the room's 20rem rail: your own tile small over
// the others, one row of icon buttons, the pre-join panel, dark mode. The call runs in LiveKit mode
// against the stand-in Room (no LiveKit server can run here; see ../testing/stand-in-room.ts), with
// real tokens from the reference server.
import { expect } from '@esm-bundle/chai';
import { executeServerCommand } from '@web/test-runner-commands';
import { InterviewSession, type Role } from '@interview-kit/core';
import { createSession, referenceServer, type CreatedSession, type ReferenceServer } from '../../../core/src/testing/reference-server.js';
import { axeViolations, until } from '../../../core/src/testing/helpers.js';
import { contrast, textContrast } from '../../../core/src/testing/contrast.js';
import { StandInRoom, standInLiveKit } from '../testing/stand-in-room.js';
import type { InterviewVideo } from './video.component.js';
import './video.js';

let server: ReferenceServer;
let created: CreatedSession;
const mounted: HTMLElement[] = [];

before(async () => {
  server = await referenceServer();
  created = await createSession(server);
});

afterEach(async () => {
  for (const element of mounted.splice(0)) {
    if ('leave' in element) await (element as InterviewVideo).leave();
    element.remove();
  }
  await executeServerCommand('interview-kit-media-permission', { granted: false });
});

/** An `<interview-video>` for `role`, `width` wide, in a wrapper with `wrapperStyle`. */
async function mount(role: Role, { width = 320, wrapperStyle = '' } = {}): Promise<InterviewVideo> {
  const wrapper = document.createElement('div');
  wrapper.setAttribute('style', wrapperStyle);
  const element = document.createElement('interview-video');
  element.session = new InterviewSession({ server: server.url, sessionId: created.id, tokenProvider: created.tokenFor(role) });
  await element.session.load();
  element.loadLiveKit = async () => standInLiveKit;
  element.style.width = `${width}px`;
  wrapper.append(element);
  document.body.append(wrapper);
  mounted.push(element, wrapper);
  await element.updateComplete;
  return element;
}

const $ = (element: InterviewVideo, selector: string) => element.shadowRoot!.querySelector<HTMLElement>(selector);
const $$ = (element: InterviewVideo, selector: string) => [...element.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
const named = (element: InterviewVideo, name: string) =>
  $$(element, 'button').find((b) => (b.getAttribute('aria-label') ?? b.textContent!.trim()) === name);
const room = () => StandInRoom.created[StandInRoom.created.length - 1]!;
const rect = (element: Element) => element.getBoundingClientRect();

async function join(element: InterviewVideo): Promise<void> {
  named(element, 'Join video')!.click();
  await until(() => element.state.phase === 'connected' && element.state.participants[0]?.cameraEnabled, 'joined with the camera on');
  await element.updateComplete;
}

/** Lets the element render what the stand-in room just did. */
async function settle(element: InterviewVideo): Promise<void> {
  await element.updateComplete;
  await new Promise(requestAnimationFrame);
}

describe('<interview-video> stage: your own tile small, the others large', () => {
  it('shows your tile alone, then small in the corner of the other person, then over a grid of the others', async () => {
    const element = await mount('interviewer');
    await join(element);
    const local = () => $(element, '[part~="tile-local"]')!;
    const remotes = () => $$(element, '[part~="tile"]:not([part~="tile-local"])');
    const stage = rect($(element, '[part="stage"]')!);

    // Alone: your own tile, the whole width.
    expect(remotes()).to.have.length(0);
    expect(local().closest('[part="pip"]'), 'alone, not in the corner').to.equal(null);
    expect(rect(local()).width).to.be.closeTo(stage.width, 1);

    // One other person: they fill the stage, your tile is small and lies over their top corner.
    room().join('cam', 'Cam Candidate');
    await settle(element);
    const other = rect(remotes()[0]!);
    const self = rect(local());
    expect(local().closest('[part="pip"]'), 'your tile in the corner').to.exist;
    expect(other.width).to.be.closeTo(stage.width, 1);
    expect(self.width, 'your tile is small').to.be.below(other.width * 0.4);
    expect(self.left).to.be.above(other.left + other.width / 2);
    expect(self.right).to.be.at.most(other.right);
    expect(self.top).to.be.at.least(other.top);
    expect(self.bottom, 'over the top of theirs, clear of their caption').to.be.below(other.top + other.height / 2);

    // Two others: both large, in the grid; yours still small.
    room().join('ian', 'Ian Interviewer');
    await settle(element);
    const [first, second] = remotes().map(rect);
    expect(first!.width).to.be.closeTo(second!.width, 1);
    expect(rect(local()).width).to.be.below(first!.width * 0.4);
    expect(local().closest('[part="pip"]')).to.exist;
    expect(await axeViolations(element)).to.deep.equal([]);

    // The speaker layout features the active speaker; your tile stays small.
    element.layout = 'speaker';
    room().speakers(room().remoteParticipants.get('ian')!);
    await until(() => element.state.activeSpeakerId === 'ian', 'the active speaker');
    await settle(element);
    const featured = $(element, '.featured [part~="tile"]')!;
    expect(featured.dataset['participant']).to.equal('ian');
    expect(rect(featured).width).to.be.closeTo(stage.width, 1);
    expect(rect(local()).width).to.be.below(rect(featured).width * 0.4);
  });
});

describe('<interview-video> controls', () => {
  it('are named icon buttons with their state, in one row of a 20rem rail', async () => {
    const element = await mount('interviewer');
    await join(element);
    room().join('cam', 'Cam Candidate');
    room().join('ian', 'Ian Interviewer');
    await settle(element);

    const controls = $(element, '[part="controls"]')!;
    const buttons = [...controls.querySelectorAll('button')];
    expect(buttons.map((b) => b.getAttribute('aria-label'))).to.deep.equal([
      'Microphone',
      'Camera',
      'Share screen',
      'Speaker view',
      'Device settings',
      'Leave',
    ]);
    for (const b of buttons) {
      expect(b.textContent!.trim(), 'icon only').to.equal('');
      expect(b.querySelector('svg'), `${b.getAttribute('aria-label')} has an inline icon`).to.exist;
      expect(b.title, 'a tooltip').to.not.equal('');
    }
    // One row: every button on the same line, the row no taller than a button.
    const tops = new Set(buttons.map((b) => Math.round(rect(b).top)));
    expect(tops.size, 'one row').to.equal(1);
    expect(rect(controls).height).to.be.at.most(rect(buttons[0]!).height + 1);
    expect(rect(controls).right, 'inside the rail').to.be.at.most(rect(element).right + 0.5);

    const microphone = named(element, 'Microphone')!;
    expect(microphone.getAttribute('aria-pressed')).to.equal('true');
    expect(microphone.title).to.equal('Microphone: on');
    const onLook = { background: getComputedStyle(microphone).backgroundColor, icon: microphone.querySelector('svg')!.innerHTML };
    microphone.click();
    await until(() => !element.state.participants[0]!.microphoneEnabled, 'the microphone off');
    await element.updateComplete;
    expect(room().localParticipant.calls).to.include('microphone:false');
    expect(microphone.getAttribute('aria-pressed')).to.equal('false');
    expect(microphone.title).to.equal('Microphone: off');
    expect(getComputedStyle(microphone).backgroundColor, 'off looks off').to.not.equal(onLook.background);
    expect(microphone.querySelector('svg')!.innerHTML, 'a struck-through icon').to.not.equal(onLook.icon);
    // Your tile says so too.
    expect($(element, '[part~="tile-local"] [part="muted"]')).to.exist;

    const camera = named(element, 'Camera')!;
    camera.click();
    await until(() => camera.getAttribute('aria-pressed') === 'false', 'the camera off');
    expect(room().localParticipant.calls).to.include('camera:false');

    const devices = named(element, 'Device settings')!;
    expect(devices.getAttribute('aria-expanded')).to.equal('false');
    devices.click();
    await element.updateComplete;
    expect(devices.getAttribute('aria-expanded')).to.equal('true');
    expect($(element, '[part="devices"]')!.hidden).to.equal(false);

    const speaker = named(element, 'Speaker view')!;
    speaker.click();
    await element.updateComplete;
    expect(element.layout).to.equal('speaker');
    expect(speaker.getAttribute('aria-pressed')).to.equal('true');
    expect(await axeViolations(element)).to.deep.equal([]);

    // With a single other person there is no layout to choose.
    room().leave('ian');
    await settle(element);
    expect(named(element, 'Speaker view')).to.equal(undefined);

    named(element, 'Leave')!.click();
    await until(() => element.state.phase === 'disconnected', 'leaving');
    await element.updateComplete;
    expect(named(element, 'Join video'), 'joining again').to.exist;
  });
});

describe('<interview-video> before joining', () => {
  it('is a compact panel: a preview tile the width of the rail, Join and the device check', async () => {
    for (const width of [320, 640]) {
      const element = await mount('candidate', { width });
      const preview = $(element, '[part="preview"]')!;
      const panel = rect($(element, '[part="prejoin"]')!);
      expect(rect(preview).width).to.be.closeTo(Math.min(width, 576), 1);
      expect(rect(preview).height / rect(preview).width, 'a 16:9 tile').to.be.closeTo(9 / 16, 0.02);
      expect(preview.textContent, 'whose picture it will be').to.contain('Cam Candidate (you)');
      const joinButton = named(element, 'Join video')!;
      const check = named(element, 'Check devices')!;
      expect(rect(joinButton).top, 'the buttons right under the preview').to.be.below(rect(preview).bottom + 80);
      const middle = (box: DOMRect) => box.top + box.height / 2;
      expect(middle(rect(check)), 'beside Join').to.be.closeTo(middle(rect(joinButton)), 2);
      // Nothing but the preview, a line and the buttons: no tall empty area.
      expect(panel.height).to.be.below(rect(preview).height + 120);
      expect(await axeViolations(element)).to.deep.equal([]);
    }
  });

  it('checks camera and microphone in the preview, and lets go of them on joining', async () => {
    await executeServerCommand('interview-kit-media-permission', { granted: true });
    const element = await mount('candidate');
    const check = named(element, 'Check devices')!;
    expect(check.getAttribute('aria-expanded')).to.equal('false');
    check.click();
    await element.updateComplete;
    expect(check.getAttribute('aria-expanded')).to.equal('true');
    const deviceCheck = $(element, '[part="preview"] interview-device-check') as (HTMLElement & { state: { cameraTrack?: MediaStreamTrack } }) | null;
    expect(deviceCheck).to.exist;
    const track = await until(() => deviceCheck!.state.cameraTrack, 'the camera preview');
    expect(track.readyState).to.equal('live');

    await join(element);
    expect(track.readyState, 'the check let go of the camera').to.equal('ended');
    expect(deviceCheck!.isConnected).to.equal(false);
  });

  it('offers observers no device check: they do not publish', async () => {
    const element = await mount('observer');
    expect(named(element, 'Join video')).to.exist;
    expect(named(element, 'Check devices')).to.equal(undefined);
    expect($(element, '[part="prejoin"]')!.textContent).to.contain('Observers do not share camera or microphone');
  });
});

describe('<interview-video> dark mode', () => {
  const DARK_PAGE = 'color-scheme: dark; background: Canvas; padding: 8px';

  it('takes the dark theme from its attribute: the colours change and text keeps its contrast', async () => {
    const light = await mount('candidate');
    const dark = await mount('candidate', { wrapperStyle: DARK_PAGE });
    dark.setAttribute('theme', 'dark');
    await dark.updateComplete;
    const lightJoin = named(light, 'Join video')!;
    const darkJoin = named(dark, 'Join video')!;
    expect(getComputedStyle(darkJoin).backgroundColor).to.not.equal(getComputedStyle(lightJoin).backgroundColor);
    expect(getComputedStyle(dark).color).to.not.equal(getComputedStyle(light).color);
    expect(textContrast(darkJoin), 'Join').to.be.at.least(4.5);
    expect(textContrast($(dark, '[part="prejoin"] [part="message"]')!), 'the prompt').to.be.at.least(4.5);
    expect(textContrast(named(dark, 'Check devices')!), 'the device check link').to.be.at.least(4.5);
  });

  it('follows a dark colour scheme around it, in the call too', async () => {
    const element = await mount('interviewer', { wrapperStyle: DARK_PAGE });
    await join(element);
    room().join('cam', 'Cam Candidate');
    named(element, 'Microphone')!.click();
    await until(() => named(element, 'Microphone')!.getAttribute('aria-pressed') === 'false', 'the microphone off');
    for (const button of $$(element, '[part="controls"] button')) {
      expect(contrast(getComputedStyle(button).color, getComputedStyle(button).backgroundColor), button.getAttribute('aria-label')!).to.be.at.least(4.5);
    }
    expect(textContrast(element), 'text').to.be.at.least(4.5);
    expect(await axeViolations(element)).to.deep.equal([]);
  });
});
