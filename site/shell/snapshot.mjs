// The saved copy of Today that is painted while Python starts. Any page of the same origin
// can write localStorage (on user.github.io every Pages site of that user can), so the copy
// is treated as untrusted markup: only the elements and attributes Tend's own views use
// survive, links may only point inside Tend, and the copy cannot be clicked or typed into
// (inert) until the live view replaces it. A hash would not help here: whoever can write
// the copy can compute the hash too.
const ELEMENTS = new Set([
  "a", "bdi", "br", "button", "caption", "dd", "details", "div", "dl", "dt", "em",
  "fieldset", "form", "h1", "h2", "h3", "input", "kbd", "label", "legend", "li", "meter",
  "ol", "option", "output", "p", "progress", "section", "select", "span", "strong",
  "summary", "table", "tbody", "td", "textarea", "th", "thead", "time", "tr", "ul",
]);
const ATTRIBUTES = new Set([
  "class", "id", "hidden", "role", "href", "type", "name", "value", "for", "title",
  "datetime", "lang", "dir", "open", "checked", "selected", "disabled", "readonly",
  "maxlength", "required", "placeholder", "autocomplete", "rows", "min", "max", "step",
  "list", "tabindex", "colspan", "scope", "low", "high", "optimum",
]);
// Tend's own places: a view of the app, or a section of the guide shipped beside it.
const INSIDE_TEND = /^(#\/[\w\-/?=&%.~]*|guide\/[\w\-]+\.html(#[\w\-]*)?)$/;

function allowedAttribute({ name, value }) {
  if (name === "href") return INSIDE_TEND.test(value);
  return ATTRIBUTES.has(name) || name.startsWith("data-") || name.startsWith("aria-");
}

/** Keep what Tend's views are made of; drop the rest, with what it holds. */
function clean(node) {
  for (const child of [...node.children]) {
    if (!ELEMENTS.has(child.localName)) {
      child.remove();
      continue;
    }
    for (const attribute of [...child.attributes]) {
      if (!allowedAttribute(attribute)) child.removeAttribute(attribute.name);
    }
    clean(child);
  }
}

/** Paint a saved copy into `view`, cleaned and inert; returns whether anything was painted. */
export function paintSnapshot(view, html) {
  // A parsed document of its own has no window: nothing in it runs, loads or is reported.
  const { body } = new DOMParser().parseFromString(html, "text/html");
  clean(body);
  if (!body.childElementCount) return false;
  view.replaceChildren(...body.childNodes);
  view.inert = true;
  return true;
}
