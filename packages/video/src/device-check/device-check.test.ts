import { expect } from '@esm-bundle/chai';
import { executeServerCommand } from '@web/test-runner-commands';
import { axeViolations, until } from '../../../core/src/testing/helpers.js';
import { DEVICE_CHOICE_STORAGE_KEY, readDeviceChoice } from '../call/device-preferences.js';
import { textContrast } from '../../../core/src/testing/contrast.js';
import type { DeviceChangeEvent } from '../events.js';
import type { InterviewDeviceCheck } from './device-check.component.js';
import './device-check.js';

/** Grants or refuses the page the (fake) camera and microphone of the test browser. */
const allowMedia = (granted: boolean) => executeServerCommand('interview-kit-media-permission', { granted });

const media = navigator.mediaDevices;
const { getUserMedia, enumerateDevices } = media;
/** Every track the page captured from camera or microphone. */
const captured: MediaStreamTrack[] = [];

beforeEach(() => {
  media.getUserMedia = async function (constraints) {
    const stream = await getUserMedia.call(this, constraints);
    captured.push(...stream.getTracks());
    return stream;
  };
});
afterEach(async () => {
  document.body.replaceChildren();
  media.getUserMedia = getUserMedia;
  media.enumerateDevices = enumerateDevices;
  for (const track of captured.splice(0)) track.stop();
  localStorage.removeItem(DEVICE_CHOICE_STORAGE_KEY);
  await allowMedia(false);
});

async function mount(autostart = true): Promise<InterviewDeviceCheck> {
  const element = document.createElement('interview-device-check');
  element.autostart = autostart;
  document.body.append(element);
  await element.updateComplete;
  return element;
}

const shadow = (element: InterviewDeviceCheck) => element.shadowRoot!;
const meter = (element: InterviewDeviceCheck) => shadow(element).querySelector('[role="meter"]')!;
const select = (element: InterviewDeviceCheck, label: string) =>
  [...shadow(element).querySelectorAll('label')].find((l) => l.textContent!.includes(label))!.querySelector('select')!;
const alertText = (element: InterviewDeviceCheck) => shadow(element).querySelector('[role="alert"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const button = (element: InterviewDeviceCheck, text: string) =>
  [...shadow(element).querySelectorAll('button')].find((b) => b.textContent!.trim() === text);
const running = (element: InterviewDeviceCheck) =>
  until(() => element.state.phase === 'running' && element.state.cameraTrack && element.state.microphoneTrack, 'camera and microphone');

describe('<interview-device-check> with the fake camera and microphone', () => {
  beforeEach(() => allowMedia(true));

  it('waits for the start button unless autostart, then previews the camera', async () => {
    const element = await mount(false);
    expect(captured, 'nothing opened before the start').to.deep.equal([]);
    button(element, 'Test camera and microphone')!.click();
    await running(element);
    await element.updateComplete;
    const video = shadow(element).querySelector('video')!;
    expect((video.srcObject as MediaStream).getVideoTracks()[0]!.readyState).to.equal('live');
    await until(() => video.videoWidth > 0, 'a picture in the preview');
  });

  it('shows the microphone level on a meter', async () => {
    const element = await mount();
    await running(element);
    expect(meter(element).getAttribute('aria-valuemin')).to.equal('0');
    expect(meter(element).getAttribute('aria-valuemax')).to.equal('100');
    // The fake microphone beeps; the meter rises with it.
    await until(async () => {
      await element.updateComplete;
      return Number(meter(element).getAttribute('aria-valuenow')) > 20;
    }, 'the level to rise');
  });

  it('lists the devices by name, switches the microphone, remembers the choice and tells the page', async () => {
    const element = await mount();
    await running(element);
    await until(() => element.state.microphones.length > 1, 'the microphones');
    await element.updateComplete;
    const microphones = select(element, 'Microphone');
    expect([...microphones.options].map((option) => option.textContent)).to.include('Fake Audio Input 1');
    expect([...select(element, 'Camera').options].map((option) => option.textContent)).to.deep.equal(['fake_device_0']);
    const before = element.state.microphoneTrack!;
    const wanted = element.state.microphones.find((device) => device.label === 'Fake Audio Input 1')!;

    const changed = new Promise<DeviceChangeEvent>((resolve) => document.body.addEventListener('interview-device-change', resolve, { once: true }));
    microphones.value = wanted.deviceId;
    microphones.dispatchEvent(new Event('change'));
    const { detail } = await changed;

    expect(detail).to.deep.equal({ cameraId: element.state.cameraId, microphoneId: wanted.deviceId });
    expect(readDeviceChoice()).to.deep.equal(detail);
    expect(before.readyState, 'the microphone before is off').to.equal('ended');
    expect(element.state.microphoneTrack!.getSettings().deviceId).to.equal(wanted.deviceId);
    await element.updateComplete;
    expect(select(element, 'Microphone').value).to.equal(wanted.deviceId);

    // The next check opens the remembered microphone.
    element.remove();
    const next = await mount();
    await running(next);
    expect(next.state.microphoneTrack!.label).to.equal('Fake Audio Input 1');
  });

  it('turns every device off when removed from the page, and on the off button', async () => {
    const element = await mount();
    await running(element);
    button(element, 'Turn camera and microphone off')!.click();
    expect(captured.map((track) => track.readyState)).to.deep.equal(['ended', 'ended']);
    await element.updateComplete;
    button(element, 'Test camera and microphone')!.click();
    await running(element);
    expect(captured).to.have.length(4);
    element.remove();
    expect(captured.map((track) => track.readyState)).to.deep.equal(['ended', 'ended', 'ended', 'ended']);
  });

  it('has no axe-core violations while checking', async () => {
    const element = await mount();
    await running(element);
    await until(() => element.state.cameras.length, 'the device lists');
    await element.updateComplete;
    expect(await axeViolations(element)).to.deep.equal([]);
  });
});

describe('<interview-device-check> without camera and microphone', () => {
  it('says access is blocked, and opens the devices once it is allowed and tried again', async () => {
    const element = await mount();
    await until(() => element.state.cameraProblem && element.state.microphoneProblem, 'the problems');
    await element.updateComplete;
    expect(alertText(element)).to.contain('Camera and microphone access is blocked. Allow it in your browser');
    expect(await axeViolations(element)).to.deep.equal([]);

    await allowMedia(true);
    button(element, 'Try again')!.click();
    await running(element);
    await element.updateComplete;
    expect(alertText(element)).to.equal('');
  });

  it('says when no device exists', async () => {
    // The browser of these tests has fake devices; here it behaves as on a machine without any
    // (what Chromium answers there: an empty list and NotFoundError).
    media.enumerateDevices = async () => [];
    media.getUserMedia = async () => {
      throw new DOMException('Requested device not found', 'NotFoundError');
    };
    const element = await mount();
    await until(() => element.state.cameraProblem && element.state.microphoneProblem, 'the problems');
    await element.updateComplete;
    expect(alertText(element)).to.contain('No camera or microphone was found. Connect one, then try again.');
    expect(select(element, 'Camera').disabled).to.equal(true);
  });
});

describe('<interview-device-check> in dark mode', () => {
  it('takes the dark theme from its attribute, in a dark page: the colours change and text keeps its contrast', async () => {
    const light = await mount(false);
    const page = document.createElement('div');
    page.setAttribute('style', 'color-scheme: dark; background: Canvas');
    const dark = document.createElement('interview-device-check');
    dark.setAttribute('theme', 'dark');
    page.append(dark);
    document.body.append(page);
    await dark.updateComplete;

    const start = (element: InterviewDeviceCheck) => button(element, 'Test camera and microphone')!;
    const prompt = (element: InterviewDeviceCheck) => shadow(element).querySelector('[part="message"]')!;
    expect(getComputedStyle(start(dark)).backgroundColor).to.not.equal(getComputedStyle(start(light)).backgroundColor);
    expect(getComputedStyle(prompt(dark)).color).to.not.equal(getComputedStyle(prompt(light)).color);
    expect(textContrast(start(dark)), 'the start button').to.be.at.least(4.5);
    expect(textContrast(prompt(dark)), 'the prompt').to.be.at.least(4.5);

    await allowMedia(true);
    await dark.start();
    await running(dark);
    await dark.updateComplete;
    const level = shadow(dark).querySelector('#level-label')!;
    expect(textContrast(level), 'the meter label').to.be.at.least(4.5);
    expect(textContrast(button(dark, 'Turn camera and microphone off')!), 'the off button').to.be.at.least(4.5);
  });
});
