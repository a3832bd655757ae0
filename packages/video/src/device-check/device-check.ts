import { InterviewDeviceCheck } from './device-check.component.js';

export { InterviewDeviceCheck };

if (!customElements.get('interview-device-check')) customElements.define('interview-device-check', InterviewDeviceCheck);

declare global {
  interface HTMLElementTagNameMap {
    'interview-device-check': InterviewDeviceCheck;
  }
}
