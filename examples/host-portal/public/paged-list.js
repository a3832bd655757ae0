import { ProblemError } from './api.js';

/**
 * A list shown one page at a time with a "Load more" button, the way the portal's lists page
 * through the Interview Kit server's cursors: `reload` shows the first page, the button appends
 * the next one and moves focus to its first entry. `showError` shows any other failure of the
 * list's page (a refused action on an entry) where its loading errors go.
 *
 * @template T
 * @param {{
 *   list: HTMLElement, loadMore: HTMLButtonElement, error: HTMLElement,
 *   fetchPage: (cursor: string | null) => Promise<{ items: T[], nextCursor: string | null }>,
 *   render: (item: T) => HTMLElement,
 *   focusTarget: (entry: HTMLElement) => HTMLElement | null,
 *   onShown?: (count: number) => void,
 * }} parts `onShown`: after each page, with the number of entries on show
 */
export function createPagedList({ list, loadMore, error, fetchPage, render, focusTarget, onShown = () => {} }) {
  /** @type {string | null} */
  let nextCursor = null;

  /** @param {string | null} cursor */
  async function page(cursor) {
    const answer = await fetchPage(cursor);
    nextCursor = answer.nextCursor;
    loadMore.hidden = nextCursor === null;
    error.hidden = true;
    return answer.items.map(render);
  }

  function showError(/** @type {unknown} */ problem) {
    error.textContent = problem instanceof ProblemError ? problem.message : String(problem);
    error.hidden = false;
  }

  loadMore.addEventListener('click', async () => {
    if (nextCursor === null) return;
    loadMore.disabled = true;
    try {
      const entries = await page(nextCursor);
      list.append(...entries);
      onShown(list.children.length);
      // The button may be gone now; the first new entry is where reading goes on.
      if (entries[0]) focusTarget(entries[0])?.focus();
    } catch (problem) {
      showError(problem);
    } finally {
      loadMore.disabled = false;
    }
  });

  return {
    showError,
    /** Shows the first page again. */
    async reload() {
      try {
        list.replaceChildren(...(await page(null)));
        onShown(list.children.length);
      } catch (problem) {
        showError(problem);
      }
    },
  };
}
