/**
 * Asks before something that cannot be undone (cancelling an interview, archiving a question), in
 * a modal `<dialog>`: focus starts on the button that keeps things as they are (`autofocus`),
 * Escape keeps them, and focus returns to the button that asked.
 *
 * @param {HTMLDialogElement} dialog holds a `[data-part="detail"]` paragraph and a `method="dialog"`
 *   form whose buttons' values are `keep` and `confirm`
 * @param {(title: string) => string} describe what will happen to the thing called `title`
 * @returns {(title: string) => Promise<boolean>} resolves true when the person confirmed
 */
export function createConfirmation(dialog, describe) {
  const detail = /** @type {HTMLElement} */ (dialog.querySelector('[data-part="detail"]'));
  return (title) =>
    new Promise((resolve) => {
      detail.textContent = describe(title);
      dialog.returnValue = '';
      dialog.addEventListener('close', () => resolve(dialog.returnValue === 'confirm'), { once: true });
      dialog.showModal();
    });
}
