// Building the page from data without ever parsing it as markup: every value goes in as text.

/** An element with attributes and children; strings become text nodes, never HTML. */
export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.substring(2), value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

/** A table with a header row; rows are arrays of cells (text or nodes). */
export function table(id, headings, rows, emptyText) {
  if (rows.length === 0) return el('p', { id, class: 'empty' }, emptyText);
  return el('table', { id },
    el('thead', {}, el('tr', {}, headings.map(h => el('th', {}, h)))),
    el('tbody', {}, rows.map(cells => el('tr', {}, cells.map(cell => el('td', {}, cell))))));
}

export function replace(target, ...children) {
  target.replaceChildren(...children.flat().filter(c => c !== null && c !== undefined));
}
