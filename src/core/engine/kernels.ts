/**
 * A scatter-add `UnsortedSegmentSum`, the gradient of every Embedding lookup.
 * The wasm backend has none, and the stock cpu one loops over segments with whole-tensor ops
 * (about 1 s per step for a 943×32 table), so one plain loop replaces both.
 */
import * as tf from '@tensorflow/tfjs';

type TypedArray = Float32Array | Int32Array | Uint8Array;

interface ReadableBackend {
  readSync(dataId: object): unknown;
}
interface CpuBackend extends ReadableBackend {
  makeTensorInfo(shape: number[], dtype: tf.DataType, values: TypedArray): tf.TensorInfo;
}
interface WasmBackend extends ReadableBackend {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(info: tf.TensorInfo): TypedArray;
}

function scatterAdd(
  x: TypedArray,
  segmentIds: TypedArray,
  rowSize: number,
  out: TypedArray,
  numSegments: number,
): void {
  for (let r = 0; r < segmentIds.length; r++) {
    const s = segmentIds[r];
    if (s < 0 || s >= numSegments) continue; // TensorFlow drops out-of-range segments
    const src = r * rowSize;
    const dst = s * rowSize;
    for (let c = 0; c < rowSize; c++) out[dst + c] += x[src + c];
  }
}

function outputShape(
  x: tf.TensorInfo,
  segmentIds: tf.TensorInfo,
  numSegments: number,
): { shape: number[]; rowSize: number } {
  const inner = x.shape.slice(segmentIds.shape.length);
  return { shape: [numSegments, ...inner], rowSize: inner.reduce((a, b) => a * b, 1) };
}

const cpuKernel: tf.KernelFunc = ({ inputs, attrs, backend }) => {
  const { x, segmentIds } = inputs as { x: tf.TensorInfo; segmentIds: tf.TensorInfo };
  const numSegments = (attrs as { numSegments: number }).numSegments;
  const b = backend as unknown as CpuBackend;
  const { shape, rowSize } = outputShape(x, segmentIds, numSegments);
  const out = x.dtype === 'int32' ? new Int32Array(numSegments * rowSize) : new Float32Array(numSegments * rowSize);
  scatterAdd(
    b.readSync(x.dataId) as TypedArray,
    b.readSync(segmentIds.dataId) as TypedArray,
    rowSize,
    out,
    numSegments,
  );
  return b.makeTensorInfo(shape, x.dtype, out);
};

const wasmKernel: tf.KernelFunc = ({ inputs, attrs, backend }) => {
  const { x, segmentIds } = inputs as { x: tf.TensorInfo; segmentIds: tf.TensorInfo };
  const numSegments = (attrs as { numSegments: number }).numSegments;
  const b = backend as unknown as WasmBackend;
  const { shape, rowSize } = outputShape(x, segmentIds, numSegments);
  const out = b.makeOutput(shape, x.dtype);
  const values = b.typedArrayFromHeap(out);
  values.fill(0);
  scatterAdd(
    b.readSync(x.dataId) as TypedArray,
    b.readSync(segmentIds.dataId) as TypedArray,
    rowSize,
    values,
    numSegments,
  );
  return out;
};

/** Installs the scatter-add kernel on `cpu` (replacing the stock one) and on `wasm` (which has none). */
export function registerSegmentSumKernels(backendName: 'cpu' | 'wasm'): void {
  if (tf.getKernel('UnsortedSegmentSum', backendName)?.kernelFunc === (backendName === 'cpu' ? cpuKernel : wasmKernel))
    return;
  if (tf.getKernel('UnsortedSegmentSum', backendName)) tf.unregisterKernel('UnsortedSegmentSum', backendName);
  tf.registerKernel({
    kernelName: 'UnsortedSegmentSum',
    backendName,
    kernelFunc: backendName === 'cpu' ? cpuKernel : wasmKernel,
  });
}
