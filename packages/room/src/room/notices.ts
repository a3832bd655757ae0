import { html, type TemplateResult } from 'lit';
import type { RoomStrings } from './room.strings.js';
import type { Toast } from './toasts.js';

/** A full-room notice (the candidate's end of the interview, a cancelled interview). */
export function renderNotice(part: string, heading: string, body: string): TemplateResult {
  return html`<section part=${part} class="notice" aria-labelledby="notice-heading">
    <h3 id="notice-heading">${heading}</h3>
    <p>${body}</p>
  </section>`;
}

/** The passing notices (joins, leaves, time warnings), each dismissable. */
export function renderToasts(toasts: readonly Toast[], onDismiss: (id: number) => void, t: RoomStrings): TemplateResult {
  return html`<ol part="toasts" class="toasts" aria-label=${t.notifications}>
    ${toasts.map(
      (toast) => html`<li part="toast" class="toast ${toast.kind}">
        <span>${toast.text}</span>
        <button class="dismiss" aria-label=${t.dismiss} title=${t.dismiss} @click=${() => onDismiss(toast.id)}>×</button>
      </li>`,
    )}
  </ol>`;
}

/** The modal dialog asking before the interview ends for everyone; `onClose` gets the button chosen (`end` or `cancel`). */
export function renderEndDialog(onClose: (choice: string) => void, t: RoomStrings): TemplateResult {
  return html`<dialog
    part="end-dialog"
    class="end-dialog"
    aria-labelledby="end-dialog-title"
    @close=${(event: Event) => onClose((event.target as HTMLDialogElement).returnValue)}
  >
    <h3 id="end-dialog-title">${t.endDialogTitle}</h3>
    <p>${t.endConfirm}</p>
    <form method="dialog" class="dialog-actions">
      <button value="cancel" autofocus>${t.cancel}</button>
      <button value="end" class="danger">${t.endInterview}</button>
    </form>
  </dialog>`;
}
