/** Line charts drawn with uPlot in the colours of the current VS Code theme, resized with their container. */
import uPlot from 'uplot';

const cssVar = (name: string, fallback: string) =>
  getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;

export const palette = () => ({
  blue: cssVar('--vscode-charts-blue', '#3794ff'),
  orange: cssVar('--vscode-charts-orange', '#d18616'),
  green: cssVar('--vscode-charts-green', '#89d185'),
  red: cssVar('--vscode-charts-red', '#f14c4c'),
  purple: cssVar('--vscode-charts-purple', '#b180d7'),
  yellow: cssVar('--vscode-charts-yellow', '#cca700'),
  foreground: cssVar('--vscode-foreground', '#cccccc'),
  grid: cssVar('--vscode-editorWidget-border', 'rgba(128,128,128,0.25)'),
  font: `${cssVar('--vscode-font-size', '12px')} ${cssVar('--vscode-font-family', 'sans-serif')}`,
});

export interface SeriesSpec {
  label: string;
  color: string;
  dash?: number[];
  points?: boolean;
}

export type ChartData = [number[], ...(number | null)[][]];

export class LineChart {
  private plot: uPlot | undefined;
  private readonly observer: ResizeObserver;

  constructor(
    private readonly container: HTMLElement,
    private readonly xLabel: string,
    private readonly series: SeriesSpec[],
    private readonly height = 220,
  ) {
    this.observer = new ResizeObserver(() => this.plot?.setSize({ width: this.width(), height: this.height }));
    this.observer.observe(container);
  }

  setData(data: ChartData): void {
    if (!this.plot) this.plot = this.create(data);
    else this.plot.setData(data as uPlot.AlignedData);
  }

  destroy(): void {
    this.observer.disconnect();
    this.plot?.destroy();
    this.plot = undefined;
  }

  private width(): number {
    return Math.max(200, this.container.clientWidth);
  }

  private create(data: ChartData): uPlot {
    const p = palette();
    const axis: uPlot.Axis = {
      stroke: p.foreground,
      grid: { stroke: p.grid, width: 1 },
      ticks: { stroke: p.grid, width: 1 },
      font: p.font,
    };
    return new uPlot(
      {
        width: this.width(),
        height: this.height,
        scales: { x: { time: false } },
        // A compact legend (labels only): the values are in the tables below the charts.
        // Its markers drawn like their lines: a dashed series gets a dashed marker.
        legend: { live: false, markers: { dash: (u, i) => (u.series[i].dash?.length ? 'dashed' : 'solid') } },
        cursor: { drag: { x: true, y: false } },
        // Epochs are whole: ticks on whole numbers only.
        axes: [
          {
            ...axis,
            label: this.xLabel,
            labelFont: p.font,
            incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000],
            values: (_u, ticks) => ticks.map(String),
          },
          { ...axis, size: 60 },
        ],
        series: [
          { label: this.xLabel, value: (_u, v) => (v === null ? '–' : Number.isInteger(v) ? String(v) : v.toFixed(2)) },
          ...this.series.map((s) => ({
            label: s.label,
            stroke: s.color,
            width: 1.5,
            dash: s.dash,
            points: { show: s.points ?? false, size: 5 },
            spanGaps: false,
            value: (_u: uPlot, v: number | null) => (v === null ? '–' : v.toFixed(4)),
          })),
        ],
      },
      data as uPlot.AlignedData,
      this.container,
    );
  }
}

/** NaN (a missing batch, or null after a JSON round-trip) becomes a gap. */
export const gaps = (values: (number | null)[]) => values.map((v) => (v === null || !Number.isFinite(v) ? null : v));
