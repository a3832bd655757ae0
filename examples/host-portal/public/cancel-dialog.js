/**
 * Asks before cancelling an interview, in a modal `<dialog>`: focus starts on "Keep the
 * interview", Escape keeps it, and focus returns to the button that asked.
 *
 * @param {HTMLDialogElement} dialog holds a `method="dialog"` form whose buttons' values are `keep` and `cancel`
 * @returns {(title: string) => Promise<boolean>} resolves true when the person chose to cancel
 */
export function createCancelConfirmation(dialog) {
  const detail = /** @type {HTMLElement} */ (dialog.querySelector('#cancel-dialog-detail'));
  return (title) =>
    new Promise((resolve) => {
      detail.textContent = `“${title}” will be cancelled and its participant links will stop working. This cannot be undone.`;
      dialog.returnValue = '';
      dialog.addEventListener('close', () => resolve(dialog.returnValue === 'cancel'), { once: true });
      dialog.showModal();
    });
}
