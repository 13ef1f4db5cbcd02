// NaN alarm: when the worker reports the first non-finite value (training is already paused), a
// visible alert names the layer, the epoch and step, what went non-finite and the remedy.
import type { worker } from "../../../src/index.js";

export interface NanAlarm {
  show(report: worker.NonFiniteReport): void;
  hide(): void;
}

export function mountNanAlarm(el: HTMLElement): NanAlarm {
  const alert = document.createElement("div");
  alert.className = "teach nan-alarm";
  alert.setAttribute("role", "alert");
  alert.hidden = true;
  const title = document.createElement("strong");
  const where = document.createElement("p");
  const message = document.createElement("p");
  alert.append(title, where, message);
  el.append(alert);
  return {
    show(r) {
      title.textContent = `Training paused: a non-finite value (NaN or ∞) in ${r.layer}`;
      where.textContent = `First seen at epoch ${r.epoch}, step ${r.step}, in the ${r.where}.`;
      message.textContent = r.message;
      alert.dataset.layer = r.layer;
      alert.hidden = false;
    },
    hide() {
      alert.hidden = true;
      title.textContent = "";
      where.textContent = "";
      message.textContent = "";
      delete alert.dataset.layer;
    },
  };
}
