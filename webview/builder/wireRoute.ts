/**
 * The path of a wire from a node's bottom handle to another's top handle that does not cross the
 * other nodes: the usual curve when nothing is in its way, otherwise down a free lane beside the
 * nodes in between, with rounded corners.
 */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}
export interface Route {
  path: string;
  labelX: number;
  labelY: number;
}

/** Clearance around a node, and the drop below a source / above a target before a wire turns. */
const CLEAR = 14;
const STUB = 18;
const RADIUS = 8;

const hitsSegment = (r: Rect, x1: number, y1: number, x2: number, y2: number) => {
  const [left, right] = [Math.min(x1, x2), Math.max(x1, x2)];
  const [top, bottom] = [Math.min(y1, y2), Math.max(y1, y2)];
  return left < r.x + r.width + CLEAR && right > r.x - CLEAR && top < r.y + r.height + CLEAR && bottom > r.y - CLEAR;
};

/** The curve React Flow would draw between the two handles (a vertical cubic), sampled. */
function curve(sx: number, sy: number, tx: number, ty: number): { path: string; points: [number, number][] } {
  const bend = Math.max(Math.abs(ty - sy) / 2, 40);
  const c1 = [sx, sy + bend];
  const c2 = [tx, ty - bend];
  const points: [number, number][] = [];
  for (let k = 1; k < 24; k++) {
    const t = k / 24;
    const u = 1 - t;
    points.push([
      u * u * u * sx + 3 * u * u * t * c1[0] + 3 * u * t * t * c2[0] + t * t * t * tx,
      u * u * u * sy + 3 * u * u * t * c1[1] + 3 * u * t * t * c2[1] + t * t * t * ty,
    ]);
  }
  return { path: `M ${sx},${sy} C ${c1[0]},${c1[1]} ${c2[0]},${c2[1]} ${tx},${ty}`, points };
}

const inside = (r: Rect, [x, y]: [number, number]) =>
  x > r.x - 2 && x < r.x + r.width + 2 && y > r.y - 2 && y < r.y + r.height + 2;

/** A polyline through `points` with its corners rounded. */
function rounded(points: [number, number][]): string {
  const out = [`M ${points[0][0]},${points[0][1]}`];
  for (let i = 1; i < points.length - 1; i++) {
    const [px, py] = points[i - 1];
    const [x, y] = points[i];
    const [nx, ny] = points[i + 1];
    const r = Math.min(RADIUS, Math.hypot(x - px, y - py) / 2, Math.hypot(nx - x, ny - y) / 2);
    const a = [x - (Math.sign(x - px) * r || 0), y - (Math.sign(y - py) * r || 0)];
    const b = [x + (Math.sign(nx - x) * r || 0), y + (Math.sign(ny - y) * r || 0)];
    out.push(`L ${a[0]},${a[1]}`, `Q ${x},${y} ${b[0]},${b[1]}`);
  }
  const last = points[points.length - 1];
  out.push(`L ${last[0]},${last[1]}`);
  return out.join(' ');
}

/** `obstacles`: every node but the wire's own two. */
export function routeWire(sx: number, sy: number, tx: number, ty: number, obstacles: Rect[]): Route {
  const plain = curve(sx, sy, tx, ty);
  if (!obstacles.some((r) => plain.points.some((p) => inside(r, p))))
    return { path: plain.path, labelX: (sx + tx) / 2, labelY: (sy + ty) / 2 };
  const y1 = sy + STUB;
  const y2 = ty - STUB;
  // Lanes: straight below the source or above the target, or just beside a node in the way.
  const lanes = [sx, tx, ...obstacles.flatMap((r) => [r.x - CLEAR - 2, r.x + r.width + CLEAR + 2])];
  const clear = (x: number) =>
    !obstacles.some(
      (r) => hitsSegment(r, sx, y1, x, y1) || hitsSegment(r, x, y1, x, y2) || hitsSegment(r, x, y2, tx, y2),
    );
  const best =
    y2 > y1
      ? lanes
          .filter(clear)
          .sort((a, b) => Math.abs(a - sx) + Math.abs(a - tx) - (Math.abs(b - sx) + Math.abs(b - tx)))[0]
      : undefined;
  if (best === undefined) return { path: plain.path, labelX: (sx + tx) / 2, labelY: (sy + ty) / 2 };
  const points: [number, number][] = [
    [sx, sy],
    [sx, y1],
    [best, y1],
    [best, y2],
    [tx, y2],
    [tx, ty],
  ];
  return {
    path: rounded(points.filter((p, i) => i === 0 || p[0] !== points[i - 1][0] || p[1] !== points[i - 1][1])),
    labelX: best,
    labelY: (y1 + y2) / 2,
  };
}
