/** A small uPlot scatter (points, no lines): one searched parameter's value against validation RMSE. */
import uPlot from 'uplot';
import { palette } from '../dashboard/charts';

export class ScatterChart {
  private plot: uPlot | undefined;

  constructor(
    private readonly container: HTMLElement,
    private readonly xLabel: string,
    private readonly log: boolean,
    private readonly ticks?: string[],
  ) {}

  setPoints(points: { x: number; y: number }[]): void {
    const sorted = [...points].sort((a, b) => a.x - b.x);
    const data: uPlot.AlignedData = [sorted.map((p) => p.x), sorted.map((p) => p.y)];
    if (this.plot) return this.plot.setData(data);
    const p = palette();
    const axis: uPlot.Axis = {
      stroke: p.foreground,
      grid: { stroke: p.grid, width: 1 },
      ticks: { stroke: p.grid, width: 1 },
      font: p.font,
    };
    const ticks = this.ticks;
    this.plot = new uPlot(
      {
        width: Math.max(220, this.container.clientWidth),
        height: 160,
        legend: { show: false },
        scales: {
          x: {
            time: false,
            distr: this.log ? 3 : 1,
            ...(ticks ? { range: [-0.5, ticks.length - 0.5] as [number, number] } : {}),
          },
        },
        axes: [
          {
            ...axis,
            label: this.xLabel,
            labelFont: p.font,
            ...(ticks ? { splits: () => ticks.map((_, i) => i), values: () => ticks } : {}),
          },
          { ...axis, size: 55, values: (_u, vs) => vs.map((v) => v.toFixed(3)) },
        ],
        series: [
          {},
          { label: 'val RMSE', stroke: p.blue, paths: () => null, points: { show: true, size: 7, fill: p.blue } },
        ],
      },
      data,
      this.container,
    );
  }
}
