/*
 * The hot loops of the fast training step, compiled to WebAssembly with 128-bit SIMD.
 *
 * Every buffer lives in one linear memory that the JavaScript side owns and lays out (see the
 * Arena class in runtime.ts); pointers are byte offsets into it. Matrices are row-major. A kernel whose name ends
 * in a gradient target takes `acc`: 0 overwrites the target, 1 adds to it, so a node whose output
 * feeds several others collects every contribution without a separate zeroing pass.
 *
 * Rebuild kernels.wasm.ts after editing: `npm run build:kernels` (needs clang and lld 14.0.6,
 * Debian 12's clang-14 and lld-14); a unit test fails while the two do not match.
 */
#include <wasm_simd128.h>

#define EXPORT(name) __attribute__((export_name(#name)))

typedef float f32;
typedef int i32;

#if KERNELS_RELAXED
/*
 * Fused multiply-add from relaxed SIMD. clang 14 only knows the proposal's early f32x4.fma
 * (opcode 0xfd 0xaf 0x01); build.mjs rewrites each to the final f32x4.relaxed_madd (0xfd 0x85 0x02),
 * which computes a·b + c from the same three operands in the same order, hence acc last.
 */
static inline v128_t madd(v128_t acc, v128_t a, v128_t b) { return __builtin_wasm_fma_f32x4(a, b, acc); }
#else
static inline v128_t madd(v128_t acc, v128_t a, v128_t b) { return wasm_f32x4_add(acc, wasm_f32x4_mul(a, b)); }
#endif
static inline void store(f32 *dst, v128_t v, i32 acc) {
  wasm_v128_store(dst, acc ? wasm_f32x4_add(wasm_v128_load(dst), v) : v);
}
static inline f32 lanes_sum(v128_t v) {
  return (wasm_f32x4_extract_lane(v, 0) + wasm_f32x4_extract_lane(v, 1)) + (wasm_f32x4_extract_lane(v, 2) + wasm_f32x4_extract_lane(v, 3));
}

#define ALWAYS_INLINE __attribute__((always_inline)) static inline
#define NOINLINE __attribute__((noinline)) static

/*
 * One R×4V block of C = A·B, accumulated over all of K in R·V vector registers. R and V are
 * constants at every call (see the TILE wrappers), so the accumulator array becomes locals that the
 * engine keeps in registers rather than memory. A(m,k) sits at A[m*sam + k*sak], so the same code
 * multiplies by A or by its transpose; B's rows are ldb apart, C's ldc.
 */
ALWAYS_INLINE void tile(f32 *C, i32 ldc, const f32 *A, i32 sam, i32 sak, const f32 *B, i32 ldb, i32 K, const i32 R,
                        const i32 V, i32 acc) {
  v128_t x[6][2];
  for (i32 r = 0; r < R; r++)
    for (i32 v = 0; v < V; v++) x[r][v] = wasm_f32x4_splat(0);
  for (i32 k = 0; k < K; k++) {
    const f32 *b = B + k * ldb;
    v128_t b0 = wasm_v128_load(b), b1 = V > 1 ? wasm_v128_load(b + 4) : b0;
    const f32 *a = A + k * sak;
    for (i32 r = 0; r < R; r++) {
      v128_t s = wasm_v128_load32_splat(a + r * sam);
      x[r][0] = madd(x[r][0], s, b0);
      if (V > 1) x[r][1] = madd(x[r][1], s, b1);
    }
  }
  for (i32 r = 0; r < R; r++)
    for (i32 v = 0; v < V; v++) store(C + r * ldc + 4 * v, x[r][v], acc);
}

#define TILE(R, V)                                                                                                      \
  NOINLINE void tile##R##x##V(f32 *C, i32 ldc, const f32 *A, i32 sam, i32 sak, const f32 *B, i32 ldb, i32 K, i32 acc) { \
    tile(C, ldc, A, sam, sak, B, ldb, K, R, V, acc);                                                                    \
  }
TILE(6, 2)
TILE(4, 2)
TILE(1, 2)
TILE(6, 1)
TILE(4, 1)
TILE(1, 1)

typedef void (*tile_fn)(f32 *, i32, const f32 *, i32, i32, const f32 *, i32, i32, i32);

/* Rows [0, M) of C over the columns [0, N4) that fill whole vectors, R rows of tiles at a time. */
static void vector_columns(f32 *C, i32 N, const f32 *A, i32 sam, i32 sak, const f32 *B, i32 K, i32 M, i32 N4, i32 acc) {
  /* Six rows of two vectors need 12 accumulators + 3 operands: the most the 16 SIMD registers of x86-64 hold. */
  static const tile_fn wide[] = {tile6x2, tile4x2, tile1x2}, narrow[] = {tile6x1, tile4x1, tile1x1};
  static const i32 heights[] = {6, 4, 1};
  i32 m = 0;
  for (i32 h = 0; h < 3; h++) {
    i32 R = heights[h];
    for (; m + R <= M; m += R) {
      i32 n = 0;
      for (; n + 8 <= N4; n += 8) wide[h](C + m * N + n, N, A + m * sam, sam, sak, B + n, N, K, acc);
      for (; n < N4; n += 4) narrow[h](C + m * N + n, N, A + m * sam, sam, sak, B + n, N, K, acc);
    }
  }
}

/* Column n of C when A is transposed (sam == 1): 4 rows of C per vector, as an axpy over k. */
static void column_of_transposed(f32 *C, i32 N, const f32 *A, i32 sak, const f32 *B, i32 K, i32 M, i32 n, i32 acc) {
  i32 m = 0;
  for (; m + 8 <= M; m += 8) {
    v128_t x0 = wasm_f32x4_splat(0), x1 = x0;
    for (i32 k = 0; k < K; k++) {
      v128_t s = wasm_v128_load32_splat(B + k * N + n);
      x0 = madd(x0, wasm_v128_load(A + k * sak + m), s);
      x1 = madd(x1, wasm_v128_load(A + k * sak + m + 4), s);
    }
    f32 out[8];
    wasm_v128_store(out, x0);
    wasm_v128_store(out + 4, x1);
    for (i32 j = 0; j < 8; j++) C[(m + j) * N + n] = acc ? C[(m + j) * N + n] + out[j] : out[j];
  }
  for (; m < M; m++) {
    f32 x = 0;
    for (i32 k = 0; k < K; k++) x += A[k * sak + m] * B[k * N + n];
    C[m * N + n] = acc ? C[m * N + n] + x : x;
  }
}

/* C[:,0] when N == 1 and A's rows are contiguous (sak == 1): one dot product per row, vectorised over k. */
static void dots(f32 *C, const f32 *A, i32 sam, const f32 *B, i32 K, i32 M, i32 acc) {
  for (i32 m = 0; m < M; m++) {
    const f32 *a = A + m * sam;
    v128_t x0 = wasm_f32x4_splat(0), x1 = x0;
    i32 k = 0;
    for (; k + 8 <= K; k += 8) {
      x0 = madd(x0, wasm_v128_load(a + k), wasm_v128_load(B + k));
      x1 = madd(x1, wasm_v128_load(a + k + 4), wasm_v128_load(B + k + 4));
    }
    f32 x = lanes_sum(wasm_f32x4_add(x0, x1));
    for (; k < K; k++) x += a[k] * B[k];
    C[m] = acc ? C[m] + x : x;
  }
}

/* Column n of C in scalar arithmetic: the last N mod 4 columns otherwise. */
static void column_scalar(f32 *C, i32 N, const f32 *A, i32 sam, i32 sak, const f32 *B, i32 K, i32 M, i32 n, i32 acc) {
  for (i32 m = 0; m < M; m++) {
    f32 x = 0;
    for (i32 k = 0; k < K; k++) x += A[m * sam + k * sak] * B[k * N + n];
    C[m * N + n] = acc ? C[m * N + n] + x : x;
  }
}

/*
 * Products over a long K (the weight gradient xᵀ·dY sums over the whole batch) run in slices of K
 * so that the slice of B every row of tiles reads again stays in the core's own cache.
 */
#define K_SLICE 256

/* C[M,N] (+)= A·B with B row-major [K,N]; A(m,k) at A[m*sam + k*sak]. */
EXPORT(gemm) void gemm(f32 *C, const f32 *A, const f32 *B, i32 M, i32 N, i32 K, i32 sam, i32 sak, i32 acc) {
  i32 N4 = N & ~3;
  if (N4 > 0) {
    if (K > 2 * K_SLICE && N4 * K_SLICE * 4 <= 64 * 1024) {
      for (i32 k = 0; k < K; k += K_SLICE) {
        i32 slice = K - k < K_SLICE ? K - k : K_SLICE;
        vector_columns(C, N, A + k * sak, sam, sak, B + k * N, slice, M, N4, k > 0 ? 1 : acc);
      }
    } else {
      vector_columns(C, N, A, sam, sak, B, K, M, N4, acc);
    }
  }
  for (i32 n = N4; n < N; n++) {
    if (N == 1 && sak == 1) dots(C, A, sam, B, K, M, acc);
    else if (sam == 1) column_of_transposed(C, N, A, sak, B, K, M, n, acc);
    else column_scalar(C, N, A, sam, sak, B, K, M, n, acc);
  }
}

/* out[N,M] = in[M,N]ᵀ: the backward pass multiplies by Wᵀ, and a contiguous copy keeps gemm on its fast path. */
EXPORT(transpose) void transpose(f32 *out, const f32 *in, i32 M, i32 N) {
  for (i32 m = 0; m < M; m++)
    for (i32 n = 0; n < N; n++) out[n * M + m] = in[m * N + n];
}

/* Y[M,N] += bias (when given), then ReLU when `relu`. */
EXPORT(bias_relu) void bias_relu(f32 *Y, const f32 *bias, i32 M, i32 N, i32 relu) {
  v128_t zero = wasm_f32x4_splat(0);
  for (i32 m = 0; m < M; m++) {
    f32 *y = Y + m * N;
    i32 n = 0;
    for (; n + 4 <= N; n += 4) {
      v128_t v = wasm_v128_load(y + n);
      if (bias) v = wasm_f32x4_add(v, wasm_v128_load(bias + n));
      if (relu) v = wasm_f32x4_max(v, zero);
      wasm_v128_store(y + n, v);
    }
    for (; n < N; n++) {
      f32 v = y[n] + (bias ? bias[n] : 0);
      y[n] = relu && !(v > 0) ? 0 : v;
    }
  }
}

/* dZ = dY where Y > 0, else 0 (in place allowed). */
EXPORT(relu_backward) void relu_backward(f32 *dZ, const f32 *dY, const f32 *Y, i32 n) {
  v128_t zero = wasm_f32x4_splat(0);
  i32 i = 0;
  for (; i + 4 <= n; i += 4) wasm_v128_store(dZ + i, wasm_v128_and(wasm_v128_load(dY + i), wasm_f32x4_gt(wasm_v128_load(Y + i), zero)));
  for (; i < n; i++) dZ[i] = Y[i] > 0 ? dY[i] : 0;
}

/* db[N] (+)= Σ_m dZ[m,:]: the gradient of a dense layer's bias. */
EXPORT(column_sums) void column_sums(f32 *db, const f32 *dZ, i32 M, i32 N, i32 acc) {
  i32 n = 0;
  for (; n + 4 <= N; n += 4) {
    v128_t s = wasm_f32x4_splat(0);
    for (i32 m = 0; m < M; m++) s = wasm_f32x4_add(s, wasm_v128_load(dZ + m * N + n));
    store(db + n, s, acc);
  }
  for (; n < N; n++) {
    f32 s = 0;
    for (i32 m = 0; m < M; m++) s += dZ[m * N + n];
    db[n] = acc ? db[n] + s : s;
  }
}

/* out[i,:] = table[ids[i],:] for i < n. */
EXPORT(gather_rows) void gather_rows(f32 *out, const f32 *table, const i32 *ids, i32 n, i32 dim) {
  for (i32 i = 0; i < n; i++) {
    const f32 *src = table + ids[i] * dim;
    f32 *dst = out + i * dim;
    i32 c = 0;
    for (; c + 4 <= dim; c += 4) wasm_v128_store(dst + c, wasm_v128_load(src + c));
    for (; c < dim; c++) dst[c] = src[c];
  }
}

/* dst[r, 0:width] (+)= src[r, 0:width] with row strides; concat forward and its split backward. */
EXPORT(copy_columns) void copy_columns(f32 *dst, i32 dst_stride, const f32 *src, i32 src_stride, i32 rows_, i32 width, i32 acc) {
  for (i32 r = 0; r < rows_; r++) {
    f32 *d = dst + r * dst_stride;
    const f32 *s = src + r * src_stride;
    i32 c = 0;
    for (; c + 4 <= width; c += 4) store(d + c, wasm_v128_load(s + c), acc);
    for (; c < width; c++) d[c] = acc ? d[c] + s[c] : s[c];
  }
}

/* out (+)= a ⊙ b, element-wise over n values. */
EXPORT(multiply) void multiply(f32 *out, const f32 *a, const f32 *b, i32 n, i32 acc) {
  i32 i = 0;
  for (; i + 4 <= n; i += 4) store(out + i, wasm_f32x4_mul(wasm_v128_load(a + i), wasm_v128_load(b + i)), acc);
  for (; i < n; i++) out[i] = acc ? out[i] + a[i] * b[i] : a[i] * b[i];
}

/* out (+)= a, element-wise over n values. */
EXPORT(add_to) void add_to(f32 *out, const f32 *a, i32 n, i32 acc) {
  i32 i = 0;
  for (; i + 4 <= n; i += 4) store(out + i, wasm_v128_load(a + i), acc);
  for (; i < n; i++) out[i] = acc ? out[i] + a[i] : a[i];
}

/* out[r] = a[r,:]·b[r,:]. */
EXPORT(row_dot) void row_dot(f32 *out, const f32 *a, const f32 *b, i32 rows_, i32 width) {
  for (i32 r = 0; r < rows_; r++) {
    const f32 *x = a + r * width, *y = b + r * width;
    v128_t s = wasm_f32x4_splat(0);
    i32 c = 0;
    for (; c + 4 <= width; c += 4) s = madd(s, wasm_v128_load(x + c), wasm_v128_load(y + c));
    f32 t = wasm_f32x4_extract_lane(s, 0) + wasm_f32x4_extract_lane(s, 1) + wasm_f32x4_extract_lane(s, 2) + wasm_f32x4_extract_lane(s, 3);
    for (; c < width; c++) t += x[c] * y[c];
    out[r] = t;
  }
}

/* da[r,:] (+)= g[r]·b[r,:]: the gradient of a row-wise dot product with respect to one side. */
EXPORT(scale_rows) void scale_rows(f32 *da, const f32 *g, const f32 *b, i32 rows_, i32 width, i32 acc) {
  for (i32 r = 0; r < rows_; r++) {
    f32 *d = da + r * width;
    const f32 *y = b + r * width;
    v128_t s = wasm_f32x4_splat(g[r]);
    i32 c = 0;
    for (; c + 4 <= width; c += 4) store(d + c, wasm_f32x4_mul(s, wasm_v128_load(y + c)), acc);
    for (; c < width; c++) d[c] = acc ? d[c] + g[r] * y[c] : g[r] * y[c];
  }
}

/*
 * Mean squared error over n predictions: writes its gradient (2/n)(p − y) into dp and returns the
 * sum of squared errors (the caller divides by n).
 */
EXPORT(mse) double mse(f32 *dp, const f32 *p, const f32 *y, i32 n) {
  double sum = 0;
  f32 scale = 2.0f / (f32)n;
  for (i32 i = 0; i < n; i++) {
    f32 e = p[i] - y[i];
    sum += (double)e * e;
    dp[i] = scale * e;
  }
  return sum;
}

/* Σ x² over n values, in double: the L2 penalty of a whole table. */
EXPORT(sum_squares) double sum_squares(const f32 *x, i32 n) {
  double sum = 0;
  i32 i = 0;
  for (; i + 4 <= n; i += 4) {
    v128_t v = wasm_v128_load(x + i);
    v128_t q = wasm_f32x4_mul(v, v);
    sum += (double)(wasm_f32x4_extract_lane(q, 0) + wasm_f32x4_extract_lane(q, 1)) + (double)(wasm_f32x4_extract_lane(q, 2) + wasm_f32x4_extract_lane(q, 3));
  }
  for (; i < n; i++) sum += (double)x[i] * x[i];
  return sum;
}

/* x *= factor over n values: the whole-table decay that L2 adds to every SGD step. */
EXPORT(scale) void scale(f32 *x, i32 n, f32 factor) {
  v128_t f = wasm_f32x4_splat(factor);
  i32 i = 0;
  for (; i + 4 <= n; i += 4) wasm_v128_store(x + i, wasm_f32x4_mul(wasm_v128_load(x + i), f));
  for (; i < n; i++) x[i] *= factor;
}

/* g += alpha·w over n values: adds the gradient 2λw of an L2 penalty. */
EXPORT(axpy) void axpy(f32 *g, const f32 *w, i32 n, f32 alpha) {
  v128_t a = wasm_f32x4_splat(alpha);
  i32 i = 0;
  for (; i + 4 <= n; i += 4) wasm_v128_store(g + i, madd(wasm_v128_load(g + i), a, wasm_v128_load(w + i)));
  for (; i < n; i++) g[i] += alpha * w[i];
}

/* table[ids[i],:] -= lr·d[i,:]: plain SGD on the rows a batch touched (repeats add up, as in a dense gradient). */
EXPORT(scatter_sgd) void scatter_sgd(f32 *table, const i32 *ids, const f32 *d, i32 n, i32 dim, f32 lr) {
  v128_t l = wasm_f32x4_splat(lr);
  for (i32 i = 0; i < n; i++) {
    f32 *w = table + ids[i] * dim;
    const f32 *g = d + i * dim;
    i32 c = 0;
    for (; c + 4 <= dim; c += 4) wasm_v128_store(w + c, wasm_f32x4_sub(wasm_v128_load(w + c), wasm_f32x4_mul(l, wasm_v128_load(g + c))));
    for (; c < dim; c++) w[c] -= lr * g[c];
  }
}

/*
 * Groups a batch's rows by the table row they use: uniq[0..count) gets each touched row once, in the
 * order of first use, and positions[start[j]..start[j+1]) the batch rows i (ascending) whose
 * ids[i] == uniq[j]. cursor is scratch of count ints. slot[row] must be −1 for every row on entry;
 * it maps touched rows to j until adam_grouped resets it.
 */
EXPORT(group_rows) i32 group_rows(i32 *uniq, i32 *start, i32 *cursor, i32 *positions, i32 *slot, const i32 *ids, i32 n) {
  i32 count = 0;
  for (i32 i = 0; i < n; i++) {
    i32 row = ids[i];
    i32 j = slot[row];
    if (j < 0) {
      j = slot[row] = count++;
      uniq[j] = row;
      cursor[j] = 0;
    }
    cursor[j]++;
  }
  i32 at = 0;
  for (i32 j = 0; j < count; j++) {
    start[j] = at;
    at += cursor[j];
    cursor[j] = start[j];
  }
  start[count] = n;
  for (i32 i = 0; i < n; i++) positions[cursor[slot[ids[i]]]++] = i;
  return count;
}

/*
 * Adam on the touched rows only (lazy Adam, as PyTorch's SparseAdam and TensorFlow's LazyAdam):
 * the gradient of row uniq[j] is the sum of the batch's gradient rows d[i,:] that use it, added in
 * batch order (group_rows), plus l2x2·w; the sum is taken as the row is updated, so that the
 * batch's gradients are read once and no table of sums is written. c1, c2 are the bias corrections
 * 1 − βᵗ. Resets slot[] for the rows it visits and returns the change of Σw² over them.
 */
EXPORT(adam_grouped) double adam_grouped(f32 *w, f32 *m, f32 *v, const i32 *uniq, i32 count, const i32 *start, const i32 *positions,
                                         const f32 *d, i32 *slot, i32 dim, f32 lr, f32 b1, f32 b2, f32 eps, f32 c1, f32 c2, f32 l2x2) {
  double delta = 0;
  v128_t B1 = wasm_f32x4_splat(b1), B2 = wasm_f32x4_splat(b2), D1 = wasm_f32x4_splat(1 - b1), D2 = wasm_f32x4_splat(1 - b2);
  v128_t C1 = wasm_f32x4_splat(c1), C2 = wasm_f32x4_splat(c2), E = wasm_f32x4_splat(eps), L = wasm_f32x4_splat(lr), R = wasm_f32x4_splat(l2x2);
  for (i32 j = 0; j < count; j++) {
    i32 row = uniq[j];
    slot[row] = -1;
    f32 *wr = w + row * dim, *mr = m + row * dim, *vr = v + row * dim;
    const i32 *first = positions + start[j], *end = positions + start[j + 1];
    const f32 *g0 = d + *first * dim;
    v128_t before = wasm_f32x4_splat(0), after = wasm_f32x4_splat(0);
    i32 c = 0;
    for (; c + 4 <= dim; c += 4) {
      v128_t S = wasm_v128_load(g0 + c);
      for (const i32 *p = first + 1; p < end; p++) S = wasm_f32x4_add(S, wasm_v128_load(d + *p * dim + c));
      v128_t W = wasm_v128_load(wr + c);
      v128_t G = madd(S, R, W);
      v128_t M = wasm_f32x4_add(wasm_f32x4_mul(wasm_v128_load(mr + c), B1), wasm_f32x4_mul(G, D1));
      v128_t V = wasm_f32x4_add(wasm_f32x4_mul(wasm_v128_load(vr + c), B2), wasm_f32x4_mul(wasm_f32x4_mul(G, G), D2));
      v128_t step = wasm_f32x4_div(wasm_f32x4_div(M, C1), wasm_f32x4_add(wasm_f32x4_sqrt(wasm_f32x4_div(V, C2)), E));
      v128_t N = wasm_f32x4_sub(W, wasm_f32x4_mul(step, L));
      wasm_v128_store(mr + c, M);
      wasm_v128_store(vr + c, V);
      wasm_v128_store(wr + c, N);
      before = madd(before, W, W);
      after = madd(after, N, N);
    }
    v128_t diff = wasm_f32x4_sub(after, before);
    delta += (double)(wasm_f32x4_extract_lane(diff, 0) + wasm_f32x4_extract_lane(diff, 1)) + (double)(wasm_f32x4_extract_lane(diff, 2) + wasm_f32x4_extract_lane(diff, 3));
    for (; c < dim; c++) {
      f32 S = g0[c];
      for (const i32 *p = first + 1; p < end; p++) S = S + d[*p * dim + c];
      f32 W = wr[c];
      f32 G = S + l2x2 * W;
      f32 M = mr[c] * b1 + G * (1 - b1);
      f32 V = vr[c] * b2 + G * G * (1 - b2);
      f32 N = W - (M / c1) / (__builtin_sqrtf(V / c2) + eps) * lr;
      mr[c] = M;
      vr[c] = V;
      wr[c] = N;
      delta += (double)N * N - (double)W * W;
    }
  }
  return delta;
}

/* Adam on a whole parameter (dense layers): the same arithmetic as TensorFlow.js's AdamOptimizer. */
EXPORT(adam) void adam(f32 *w, const f32 *g, f32 *m, f32 *v, i32 n, f32 lr, f32 b1, f32 b2, f32 eps, f32 c1, f32 c2) {
  v128_t B1 = wasm_f32x4_splat(b1), B2 = wasm_f32x4_splat(b2), D1 = wasm_f32x4_splat(1 - b1), D2 = wasm_f32x4_splat(1 - b2);
  v128_t C1 = wasm_f32x4_splat(c1), C2 = wasm_f32x4_splat(c2), E = wasm_f32x4_splat(eps), L = wasm_f32x4_splat(lr);
  i32 i = 0;
  for (; i + 4 <= n; i += 4) {
    v128_t G = wasm_v128_load(g + i);
    v128_t M = wasm_f32x4_add(wasm_f32x4_mul(wasm_v128_load(m + i), B1), wasm_f32x4_mul(G, D1));
    v128_t V = wasm_f32x4_add(wasm_f32x4_mul(wasm_v128_load(v + i), B2), wasm_f32x4_mul(wasm_f32x4_mul(G, G), D2));
    v128_t step = wasm_f32x4_div(wasm_f32x4_div(M, C1), wasm_f32x4_add(wasm_f32x4_sqrt(wasm_f32x4_div(V, C2)), E));
    wasm_v128_store(m + i, M);
    wasm_v128_store(v + i, V);
    wasm_v128_store(w + i, wasm_f32x4_sub(wasm_v128_load(w + i), wasm_f32x4_mul(step, L)));
  }
  for (; i < n; i++) {
    f32 G = g[i];
    f32 M = m[i] * b1 + G * (1 - b1);
    f32 V = v[i] * b2 + G * G * (1 - b2);
    m[i] = M;
    v[i] = V;
    w[i] -= (M / c1) / (__builtin_sqrtf(V / c2) + eps) * lr;
  }
}

/* w -= lr·g over n values. */
EXPORT(sgd) void sgd(f32 *w, const f32 *g, i32 n, f32 lr) { axpy(w, g, n, -lr); }
