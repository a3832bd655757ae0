/**
 * Copies a participant's link: with the Clipboard API where the browser grants it, else with the
 * older copy command, else by showing the link selected for the person to copy themselves. The
 * button says "Copied" for a moment and a live region announces it.
 */

const CONFIRMATION_MS = 2500;

/** @param {string} text */
async function writeClipboard(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // No Clipboard API (an insecure origin, an old browser) or no permission: the copy command may still work.
  }
  const focused = /** @type {HTMLElement | null} */ (document.activeElement);
  const scratch = document.createElement('textarea');
  scratch.value = text;
  scratch.setAttribute('readonly', '');
  scratch.className = 'visually-hidden';
  document.body.append(scratch);
  scratch.select();
  let copied = false;
  try {
    copied = document.execCommand('copy');
  } catch {
    copied = false;
  }
  scratch.remove();
  focused?.focus(); // selecting the scratch text took focus from the button
  return copied;
}

/**
 * @param {{
 *   button: HTMLButtonElement, label: HTMLElement, manual: HTMLInputElement,
 *   url: string, who: string, announce: (message: string) => void,
 * }} parts `label`: the button's visible text; `manual`: the field that shows the link when nothing else works
 */
export function bindCopyLink({ button, label, manual, url, who, announce }) {
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  button.addEventListener('click', async () => {
    if (await writeClipboard(url)) {
      label.textContent = 'Copied';
      button.classList.add('copied');
      announce(`Link for ${who} copied.`);
      clearTimeout(timer);
      timer = setTimeout(() => {
        label.textContent = 'Copy link';
        button.classList.remove('copied');
      }, CONFIRMATION_MS);
      return;
    }
    manual.value = url;
    manual.setAttribute('aria-label', `Link for ${who}; press Control+C or Command+C to copy`);
    manual.hidden = false;
    manual.focus();
    manual.select();
    announce(`The link for ${who} could not be copied automatically; it is selected, ready to copy.`);
  });
}
