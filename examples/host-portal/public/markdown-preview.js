/**
 * A live preview of a Markdown field, rendered as the room renders a question (marked, then
 * DOMPurify: `renderMarkdown` from Interview Kit's bundle), so the author sees what candidates
 * will see. Until the bundle has loaded, or if it cannot, the preview shows the text as it is.
 *
 * @param {HTMLTextAreaElement} field
 * @param {HTMLElement} preview
 */
export function bindMarkdownPreview(field, preview) {
  /** @type {Promise<((markdown: string) => string) | undefined>} */
  const renderer = import('/interview-kit/interview-kit.js').then(
    (kit) => kit.renderMarkdown,
    () => undefined,
  );
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let pending;

  async function update() {
    const render = await renderer;
    if (render) preview.innerHTML = render(field.value); // sanitized by DOMPurify in renderMarkdown
    else preview.textContent = field.value;
  }

  field.addEventListener('input', () => {
    clearTimeout(pending);
    pending = setTimeout(update, 150);
  });
  return { update };
}
