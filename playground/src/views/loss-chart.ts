// Train and test loss per epoch as two lines on one canvas (y from 0 to the largest finite loss,
// x from epoch 1 to the last), with a legend. Non-finite losses are left out of the lines.
import type { worker } from "../../../src/index.js";

const TRAIN = "#333";
const TEST = "#0877bd";

function line(
  ctx: CanvasRenderingContext2D,
  records: worker.EpochRecord[],
  value: (r: worker.EpochRecord) => number | undefined,
  toX: (epoch: number) => number,
  toY: (loss: number) => number,
): void {
  ctx.beginPath();
  let pen = false;
  // about two records per pixel are enough; the last record is always drawn
  const stride = Math.max(1, Math.floor(records.length / (2 * ctx.canvas.width)));
  for (let k = 0; k < records.length; k++) {
    if (k % stride !== 0 && k !== records.length - 1) continue;
    const r = records[k];
    const v = value(r);
    if (v === undefined || !Number.isFinite(v)) {
      pen = false;
      continue;
    }
    if (pen) ctx.lineTo(toX(r.epoch), toY(v));
    else ctx.moveTo(toX(r.epoch), toY(v));
    pen = true;
  }
  ctx.stroke();
}

export function drawLossChart(canvas: HTMLCanvasElement, records: worker.EpochRecord[]): void {
  const ctx = canvas.getContext("2d")!;
  const { width, height } = canvas;
  const pad = { left: 40, right: 8, top: 18, bottom: 18 };
  ctx.clearRect(0, 0, width, height);
  ctx.fillStyle = "#fafafa";
  ctx.fillRect(0, 0, width, height);
  ctx.strokeStyle = "#bbb";
  ctx.strokeRect(
    pad.left + 0.5,
    pad.top + 0.5,
    width - pad.left - pad.right,
    height - pad.top - pad.bottom,
  );
  ctx.font = "11px sans-serif";
  ctx.fillStyle = TRAIN;
  ctx.fillText("— train loss", pad.left + 4, 12);
  ctx.fillStyle = TEST;
  ctx.fillText("— test loss", pad.left + 84, 12);
  if (records.length === 0) return;
  let max = 1e-9;
  for (const r of records) {
    for (const v of [r.trainLoss, r.testLoss])
      if (v !== undefined && Number.isFinite(v)) max = Math.max(max, v);
  }
  const first = records[0].epoch;
  const last = Math.max(records[records.length - 1].epoch, first + 1);
  const toX = (e: number) =>
    pad.left + ((e - first) / (last - first)) * (width - pad.left - pad.right);
  const toY = (v: number) => height - pad.bottom - (v / max) * (height - pad.top - pad.bottom);
  ctx.fillStyle = "#555";
  ctx.fillText(max.toPrecision(2), 2, pad.top + 8);
  ctx.fillText("0", 2, height - pad.bottom);
  ctx.fillText(`epoch ${last}`, width - pad.right - 60, height - 4);
  ctx.lineWidth = 1.5;
  ctx.strokeStyle = TRAIN;
  line(ctx, records, (r) => r.trainLoss, toX, toY);
  ctx.strokeStyle = TEST;
  line(ctx, records, (r) => r.testLoss, toX, toY);
}
