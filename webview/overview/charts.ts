/** The overview's two kinds of chart, in uPlot like the dashboard's and in the theme's colours: bars over categories, and log–log curves. */
import uPlot from 'uplot';
import { palette } from '../dashboard/charts';

const HEIGHT = 240;
const widthOf = (box: HTMLElement) => Math.max(240, box.clientWidth);

function axes(p: ReturnType<typeof palette>, xLabel: string, yLabel: string): uPlot.Axis[] {
  const axis: uPlot.Axis = {
    stroke: p.foreground,
    grid: { stroke: p.grid, width: 1 },
    ticks: { stroke: p.grid, width: 1 },
    font: p.font,
    labelFont: p.font,
  };
  return [
    { ...axis, label: xLabel },
    { ...axis, label: yLabel, size: 60 },
  ];
}

/** Keeps a chart as wide as its box. */
function fit(plot: uPlot, box: HTMLElement): uPlot {
  const height = plot.height;
  new ResizeObserver(() => plot.setSize({ width: widthOf(box), height })).observe(box);
  return plot;
}

export function barChart(
  box: HTMLElement,
  labels: string[],
  values: number[],
  options: { xLabel: string; yLabel: string; color: string; yRange?: [number, number] },
): uPlot {
  const p = palette();
  const [x, y] = axes(p, options.xLabel, options.yLabel);
  const rotate = labels.some((l) => l.length > 4);
  return fit(
    new uPlot(
      {
        width: widthOf(box),
        height: HEIGHT + (rotate ? 100 : 0),
        legend: { show: false },
        cursor: { show: false },
        scales: {
          x: { time: false, range: [-0.6, labels.length - 0.4] },
          y: options.yRange ? { range: options.yRange } : { range: (_u, _lo, hi) => [0, hi * 1.05] },
        },
        axes: [
          {
            ...x,
            splits: () => labels.map((_, k) => k),
            values: (_u, splits) => splits.map((k) => labels[k] ?? ''),
            rotate: rotate ? -50 : 0,
            size: rotate ? 100 : 40,
            grid: { show: false },
          },
          y,
        ],
        series: [
          {},
          {
            label: options.yLabel,
            fill: options.color,
            stroke: options.color,
            paths: uPlot.paths.bars!({ size: [0.7, 60] }),
            points: { show: false },
          },
        ],
      },
      [labels.map((_, k) => k), values],
      box,
    ),
    box,
  );
}

/** Counts by rank, largest first, both axes logarithmic: a straight-ish falling line is a long tail. */
export function longTailChart(
  box: HTMLElement,
  counts: number[],
  options: { xLabel: string; yLabel: string; color: string },
): uPlot {
  const p = palette();
  return fit(
    new uPlot(
      {
        width: widthOf(box),
        height: HEIGHT,
        legend: { show: false },
        scales: { x: { time: false, distr: 3 }, y: { distr: 3 } },
        axes: axes(p, options.xLabel, options.yLabel),
        series: [{}, { label: options.yLabel, stroke: options.color, width: 2, points: { show: false } }],
      },
      [counts.map((_, k) => k + 1), counts],
      box,
    ),
    box,
  );
}
