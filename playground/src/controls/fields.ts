// Labelled form controls built with the DOM API (never innerHTML): a select, a number input, a
// checkbox and a button. Each field returns its element and a `set` that shows a value without
// firing the change handler, so the page can redraw controls from a Setup (a preset, the URL).

export interface Field<T> {
  /** The wrapper (label + control), already appended to the parent. */
  el: HTMLElement;
  /** The control itself (for focus and tests). */
  input: HTMLInputElement | HTMLSelectElement;
  set(value: T): void;
}

let nextId = 0;

/** A <label for> + control pair in a div.field; ids are unique per page. */
function labelled(
  parent: HTMLElement,
  text: string,
  control: HTMLInputElement | HTMLSelectElement,
  name: string,
): HTMLElement {
  const wrap = document.createElement("div");
  wrap.className = "field";
  control.id = `f-${name}-${nextId++}`;
  control.name = name;
  const label = document.createElement("label");
  label.htmlFor = control.id;
  label.textContent = text;
  wrap.append(label, control);
  parent.append(wrap);
  return wrap;
}

export function selectField<T extends string>(
  parent: HTMLElement,
  text: string,
  name: string,
  options: readonly (T | [T, string])[],
  value: T,
  onChange: (value: T) => void,
): Field<T> {
  const select = document.createElement("select");
  for (const option of options) {
    const [v, shown] = Array.isArray(option) ? option : [option, option];
    const el = document.createElement("option");
    el.value = v;
    el.textContent = shown;
    select.append(el);
  }
  select.value = value;
  select.addEventListener("change", () => onChange(select.value as T));
  const el = labelled(parent, text, select, name);
  return { el, input: select, set: (v) => void (select.value = v) };
}

export interface NumberRange {
  min: number;
  max: number;
  step: number | "any";
}

/**
 * A number input; onChange gets only values inside [min, max] (typing "abc" or 1e9 changes
 * nothing: the field is marked invalid until the text is a number in range again).
 */
export function numberField(
  parent: HTMLElement,
  text: string,
  name: string,
  range: NumberRange,
  value: number,
  onChange: (value: number) => void,
): Field<number> {
  const input = document.createElement("input");
  input.type = "number";
  input.min = String(range.min);
  input.max = String(range.max);
  input.step = String(range.step);
  input.value = String(value);
  input.addEventListener("change", () => {
    const v = input.valueAsNumber;
    const ok = Number.isFinite(v) && v >= range.min && v <= range.max;
    input.setAttribute("aria-invalid", ok ? "false" : "true");
    if (ok) onChange(v);
  });
  const el = labelled(parent, text, input, name);
  return {
    el,
    input,
    set: (v) => {
      input.value = String(v);
      input.setAttribute("aria-invalid", "false");
    },
  };
}

export function checkboxField(
  parent: HTMLElement,
  text: string,
  name: string,
  value: boolean,
  onChange: (value: boolean) => void,
): Field<boolean> {
  const input = document.createElement("input");
  input.type = "checkbox";
  input.checked = value;
  input.addEventListener("change", () => onChange(input.checked));
  const el = labelled(parent, text, input, name);
  el.classList.add("check");
  return { el, input, set: (v) => void (input.checked = v) };
}

/** A <button type=button>; `label` becomes its aria-label when the text is a symbol. */
export function button(
  parent: HTMLElement,
  text: string,
  onClick: () => void,
  label?: string,
): HTMLButtonElement {
  const b = document.createElement("button");
  b.type = "button";
  b.textContent = text;
  if (label !== undefined) b.setAttribute("aria-label", label);
  b.addEventListener("click", onClick);
  parent.append(b);
  return b;
}
