// Activation explorer: pick an activation, see f and f′ on [−5, 5] (f′ by the library's autograd)
// and the article's six properties ticked or crossed from the library's property table
// (activations.properties). It explains; it does not change the network's activation.
import { activations } from "../../../src/index.js";
import { activationCurve } from "./activation-curve.js";
import { createCanvas, drawChart, legendItem, PALETTE } from "./chart.js";

/** Every activation the playground offers: the library's names but the non-differentiable step. */
export const EXPLORER_ACTIVATIONS: readonly string[] = activations.names.filter(
  (n) => n !== "step",
);

type PropertyKey =
  | "nonlinear"
  | "saturating"
  | "continuous"
  | "smooth"
  | "differentiable"
  | "monotonic"
  | "linearNearZero";

/** The article's six properties, in its order; "continuous and smooth" is one row with two marks. */
export const PROPERTY_ROWS: readonly { label: string; keys: readonly PropertyKey[] }[] = [
  { label: "Non-linear", keys: ["nonlinear"] },
  { label: "Saturating (bounded on both sides)", keys: ["saturating"] },
  { label: "Continuous / smooth (C∞)", keys: ["continuous", "smooth"] },
  { label: "Differentiable everywhere", keys: ["differentiable"] },
  { label: "Monotonic", keys: ["monotonic"] },
  { label: "Approximately linear near zero (f(0) = 0, f′(0) = 1)", keys: ["linearNearZero"] },
];

export interface ActivationExplorer {
  show(name: string): void;
}

export function mountActivationExplorer(el: HTMLElement, initial: string): ActivationExplorer {
  const section = document.createElement("section");
  section.className = "teach activation-explorer";
  const heading = document.createElement("h3");
  heading.textContent = "Activation explorer";
  const label = document.createElement("label");
  label.textContent = "Activation ";
  const select = document.createElement("select");
  select.name = "explorer-activation";
  for (const name of EXPLORER_ACTIVATIONS) select.append(new Option(name, name));
  label.append(select);
  const canvas = createCanvas(320, 200, "");
  const legend = document.createElement("ul");
  legend.className = "legend";
  legend.append(legendItem(PALETTE[0], "f(x)"), legendItem(PALETTE[1], "f′(x), by autograd", true));
  const table = document.createElement("ul");
  table.className = "properties";
  section.append(heading, label, canvas, legend, table);
  el.append(section);

  const show = (name: string): void => {
    const canonical = activations.resolveName(name);
    select.value = canonical;
    const curve = activationCurve(canonical);
    const pairs = (ys: number[]): [number, number][] => curve.x.map((x, i) => [x, ys[i]]);
    drawChart(
      canvas,
      [
        { color: PALETTE[0], points: pairs(curve.f) },
        { color: PALETTE[1], points: pairs(curve.df), dashed: true },
      ],
      { xLabel: "x", yLabel: "f, f′", xRange: [-5, 5] },
    );
    canvas.setAttribute("aria-label", `${canonical} and its derivative on [−5, 5]`);
    table.replaceChildren(...propertyItems(canonical));
  };
  select.addEventListener("change", () => show(select.value));
  show(initial);
  return { show };
}

function propertyItems(name: string): HTMLLIElement[] {
  const p = activations.properties(name);
  return PROPERTY_ROWS.map((row) => {
    const item = document.createElement("li");
    for (const key of row.keys) {
      const holds = p[key];
      const mark = document.createElement("span");
      mark.className = holds ? "tick" : "cross";
      mark.dataset.property = key;
      mark.dataset.holds = String(holds);
      mark.textContent = holds ? "✓" : "✗";
      mark.setAttribute("aria-label", `${key}: ${holds ? "yes" : "no"}`);
      item.append(mark, " ");
    }
    item.append(row.label);
    const note = noteFor(row.keys[0], p);
    if (note !== "") item.append(` — ${note}`);
    return item;
  });
}

/** A short qualifier where a cross hides a half-truth (one-sided saturation, affine near 0). */
function noteFor(key: PropertyKey, p: activations.ActivationProperties): string {
  if (key === "saturating" && !p.saturating && (p.saturatesLeft || p.saturatesRight)) {
    return `saturates on the ${p.saturatesLeft ? "left" : "right"} only`;
  }
  if (key === "continuous" && p.continuous && !p.smooth) return "continuous, not smooth";
  if (key === "linearNearZero" && !p.linearNearZero && p.affineNearZero) {
    return "affine near zero, not identity-like";
  }
  return "";
}
