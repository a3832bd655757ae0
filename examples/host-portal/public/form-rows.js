/**
 * The form's repeatable rows (test cases, participants, a kit's sections), each cloned from a
 * `<template>`. Rows renumber themselves so legends and button names stay "Test 2", "Remove test
 * 2" for screen readers. A row with a `data-action="up"` button can move before the one above it.
 */

/**
 * Adds one row from a template.
 * @param {HTMLOListElement} list
 * @param {string} templateId
 * @param {string} noun
 * @param {Record<string, string | boolean>} [values]
 */
export function addRow(list, templateId, noun, values = {}) {
  const template = /** @type {HTMLTemplateElement} */ (document.getElementById(templateId));
  const row = /** @type {HTMLLIElement} */ (template.content.firstElementChild?.cloneNode(true));
  for (const [field, value] of Object.entries(values)) {
    const input = /** @type {HTMLInputElement} */ (row.querySelector(`[data-field="${field}"]`));
    if (typeof value === 'boolean') input.checked = value;
    else input.value = value;
  }
  row.querySelector('[data-action="remove"]')?.addEventListener('click', () => {
    const next = row.nextElementSibling ?? row.previousElementSibling;
    row.remove();
    renumber(list, noun);
    // Keep focus inside the form instead of losing it to <body>.
    /** @type {HTMLElement | null} */ (next?.querySelector('[data-field]') ?? list.nextElementSibling)?.focus();
  });
  row.querySelector('[data-action="up"]')?.addEventListener('click', (event) => {
    const button = /** @type {HTMLElement} */ (event.currentTarget);
    row.previousElementSibling?.before(row);
    renumber(list, noun);
    // At the top the button is gone; the row's first field keeps focus in the row.
    /** @type {HTMLElement | null} */ (button.hidden ? row.querySelector('[data-field]') : button)?.focus();
  });
  list.append(row);
  renumber(list, noun);
  return row;
}

/** @param {HTMLOListElement} list @param {string} noun */
function renumber(list, noun) {
  [...list.children].forEach((row, index) => {
    const title = `${noun} ${index + 1}`;
    /** @type {HTMLElement} */ (row.querySelector('[data-text="title"]')).textContent = title;
    row.querySelector('[data-action="remove"]')?.setAttribute('aria-label', `Remove ${title.toLowerCase()}`);
    const up = /** @type {HTMLElement | null} */ (row.querySelector('[data-action="up"]'));
    if (up) {
      up.setAttribute('aria-label', `Move ${title.toLowerCase()} up`);
      up.hidden = index === 0;
    }
  });
}

/**
 * The rows' values, one object per row keyed by `data-field`.
 * @param {HTMLOListElement} list
 */
export function readRows(list) {
  return [...list.children].map((row) =>
    Object.fromEntries(
      [...row.querySelectorAll('[data-field]')].map((element) => {
        const input = /** @type {HTMLInputElement} */ (element);
        return [input.dataset.field, input.type === 'checkbox' ? input.checked : input.value];
      }),
    ),
  );
}
