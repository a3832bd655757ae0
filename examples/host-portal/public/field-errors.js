/**
 * A problem's field errors, shown twice as forms should: a summary at the top (focused, so a
 * screen reader reads it at once) and each message right next to its field, tied to it with
 * `aria-describedby` and marked `aria-invalid`.
 */

import { ProblemError } from './api.js';

let nextId = 0;

/**
 * @param {HTMLElement} summary the summary box (`role="alert"`, `tabindex="-1"`)
 * @param {(path: string) => HTMLElement | null} controlFor the control an error path such as `tests.1.expected` names
 */
export function createFieldErrors(summary, controlFor) {
  /** @type {{ control: HTMLElement, message: HTMLElement }[]} */
  let shown = [];

  /** Puts the message where a sighted user looks for it: after the field, inside its label, or under the group's legend. */
  function place(/** @type {HTMLElement} */ control, /** @type {HTMLElement} */ message) {
    if (control instanceof HTMLFieldSetElement) control.querySelector('legend')?.after(message);
    else if (control instanceof HTMLButtonElement) control.before(message);
    else if (control.parentElement instanceof HTMLLabelElement) control.parentElement.append(message);
    else control.after(message);
  }

  function clear() {
    summary.hidden = true;
    summary.replaceChildren();
    for (const { control, message } of shown) {
      const rest = (control.getAttribute('aria-describedby') ?? '').split(/\s+/).filter((id) => id && id !== message.id);
      if (rest.length > 0) control.setAttribute('aria-describedby', rest.join(' '));
      else control.removeAttribute('aria-describedby');
      control.removeAttribute('aria-invalid');
      message.remove();
    }
    shown = [];
  }

  /**
   * @param {string} headline what went wrong, in one sentence
   * @param {{ path: string, message: string }[]} [errors]
   */
  function show(headline, errors = []) {
    clear();
    const heading = document.createElement('p');
    heading.textContent = headline;
    const list = document.createElement('ul');
    for (const { path, message: text } of errors) {
      const item = document.createElement('li');
      item.textContent = text;
      list.append(item);

      const control = controlFor(path);
      if (!control) continue;
      const message = document.createElement('p');
      message.className = 'field-error';
      message.id = `field-error-${(nextId += 1)}`;
      message.textContent = text;
      place(control, message);
      control.setAttribute('aria-describedby', [message.id, control.getAttribute('aria-describedby')].filter(Boolean).join(' '));
      if (!(control instanceof HTMLButtonElement)) control.setAttribute('aria-invalid', 'true');
      shown.push({ control, message });
    }
    summary.replaceChildren(heading, ...(errors.length > 0 ? [list] : []));
    summary.hidden = false;
    summary.focus();
  }

  /** Shows a failure: a problem with its field errors, anything else by its message. @param {unknown} error */
  function showProblem(error) {
    const problem = error instanceof ProblemError ? error : new ProblemError(String(error));
    show(problem.message, problem.errors);
  }

  return { show, showProblem, clear };
}
